package io.shortlink.command.link;

import io.shortlink.events.LinkStatus;

import java.time.Instant;
import java.util.List;

/** A link as it stands after a command. */
public record LinkState(String code, String url, Instant createdAt, Instant expiresAt, int redirectType, LinkStatus status,
                        Integer maxVisits, boolean forwardQuery, List<String> tags, String title) {
}
