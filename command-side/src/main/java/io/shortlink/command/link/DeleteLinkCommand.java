package io.shortlink.command.link;

import io.shortlink.caller.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a link for good: its owner or an admin may; anonymous links cannot be deleted. */
public record DeleteLinkCommand(
        @TargetAggregateIdentifier String code,
        Caller caller) {
}
