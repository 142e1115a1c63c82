package io.shortlink.command.alias;

import java.time.Instant;

/**
 * A reservation as it stands after a {@link ReserveAliasCommand}.
 *
 * @param created whether the command made a new reservation, rather than renewing the owner's own
 */
public record Reservation(String alias, String owner, Instant reservedUntil, boolean created) {
}
