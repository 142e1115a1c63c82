package io.shortlink.command.alias;

import io.shortlink.caller.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give up a reservation of {@code alias}: its owner or an admin may. */
public record ReleaseAliasCommand(
        @TargetAggregateIdentifier String alias,
        Caller caller) {
}
