package io.shortlink.command.link;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Import a link under a code that had no stream when its chunk of the import began: the code's stream is not read
 * again for each row. A code that got a stream meanwhile is refused by the event store's unique (aggregate, sequence)
 * key, which fails the chunk; the chunk is then redone row by row with {@link ImportLinkCommand} (docs/adr/0073).
 */
public record ImportLinkUnderNewCodeCommand(ImportLinkCommand link) {

    @TargetAggregateIdentifier
    public String code() {
        return link.code();
    }
}
