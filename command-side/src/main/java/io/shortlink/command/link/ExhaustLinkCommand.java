package io.shortlink.command.link;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The read side counted {@code visits} human redirects of the link: if that reaches its visit limit, the link is
 * exhausted. Sent by the visit-limit process (docs/adr/0024); a count that no longer reaches the limit (it was raised
 * meanwhile) or a link that is not active changes nothing.
 */
public record ExhaustLinkCommand(
        @TargetAggregateIdentifier String code,
        long visits) {
}
