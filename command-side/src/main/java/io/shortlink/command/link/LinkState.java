package io.shortlink.command.link;

import java.time.Instant;
import java.util.List;

/** A link as it stands after a command. {@code status} is ACTIVE, EXPIRED, EXHAUSTED or DELETED. */
public record LinkState(String code, String url, Instant createdAt, Instant expiresAt, int redirectType, String status,
                        Integer maxVisits, boolean forwardQuery, List<String> tags, String title) {
}
