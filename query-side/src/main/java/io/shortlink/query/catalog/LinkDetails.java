package io.shortlink.query.catalog;

import java.time.Instant;

/** A link as the read API shows it. */
public record LinkDetails(String code, String shortUrl, String url, Instant createdAt, Instant expiresAt,
                          int redirectType, String status, long totalClicks) {
}
