package io.shortlink.command.link;

import java.time.Instant;

/** A link as it stands after a command. {@code status} is ACTIVE, EXPIRED or DELETED. */
public record LinkState(String code, String url, Instant createdAt, Instant expiresAt, int redirectType, String status) {
}
