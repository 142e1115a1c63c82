package io.shortlink.command.link;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create a link under a code just generated: no name can be taken but by someone's alias of the same shape, so the
 * code's stream is not read first (it is empty but for such an alias). The event store's unique (aggregate, sequence)
 * key refuses the first event of a name that has a stream, and the {@link Shortener} then takes the next code
 * (docs/adr/0046).
 */
public record CreateLinkUnderNewCodeCommand(CreateLinkCommand link) {

    @TargetAggregateIdentifier
    public String code() {
        return link.code();
    }
}
