package io.shortlink.command.link;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Create a link from another shortener's export under the code it had there, with its original creation time.
 *
 * @param owner     owner of the API key that started the import
 * @param createdAt when the link was created where it comes from; {@code null} when the export does not say
 * @param tags      as the file gave them ({@code null} for none)
 * @param title     {@code null} for none
 * @param importId  the import job, kept in the event's metadata
 */
public record ImportLinkCommand(
        @TargetAggregateIdentifier String code,
        String url,
        String owner,
        Instant createdAt,
        List<String> tags,
        String title,
        String importId) {
}
