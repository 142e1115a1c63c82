package io.shortlink.command.link;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Create a link under {@code code}: a generated code, or the caller's alias when {@code alias} is true.
 *
 * @param owner        owner of the caller's API key, {@code null} when anonymous
 * @param redirectType 301, 302, 307 or 308; {@code null} for the default
 * @param expiresAt    {@code null} for never
 * @param maxVisits    {@code null} for no limit
 * @param forwardQuery {@code null} for the default, {@code false}
 * @param tags         as the caller sent them ({@code null} for none): the rules lower-case them and drop duplicates
 * @param title        {@code null} for none
 */
public record CreateLinkCommand(
        @TargetAggregateIdentifier String code,
        boolean alias,
        String url,
        String owner,
        Integer redirectType,
        Instant expiresAt,
        Integer maxVisits,
        Boolean forwardQuery,
        List<String> tags,
        String title) {

    /** A link with none of the optional settings of revision 2 (visit limit, query forwarding, tags, title). */
    public CreateLinkCommand(String code, boolean alias, String url, String owner, Integer redirectType, Instant expiresAt) {
        this(code, alias, url, owner, redirectType, expiresAt, null, null, null, null);
    }
}
