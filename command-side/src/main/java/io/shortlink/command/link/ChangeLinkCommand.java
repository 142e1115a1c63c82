package io.shortlink.command.link;

import io.shortlink.caller.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change a link as {@code patch} says: its owner or an admin may; anonymous links cannot be changed. */
public record ChangeLinkCommand(
        @TargetAggregateIdentifier String code,
        Caller caller,
        LinkPatch patch) {
}
