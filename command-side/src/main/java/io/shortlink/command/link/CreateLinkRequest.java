package io.shortlink.command.link;

import java.time.Instant;

/** Body of {@code POST /api/v1/links}. */
public record CreateLinkRequest(String url, String alias, Instant expiresAt, Integer redirectType) {
}
