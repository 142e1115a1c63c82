package io.shortlink.query.catalog;

import io.shortlink.events.LinkStatus;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A link as the read API shows it. {@code totalClicks} counts people only (bots are in the stats' botClicks). */
public record LinkDetails(String code, String shortUrl, String url, Instant createdAt, Instant expiresAt,
                          int redirectType, LinkStatus status,
                          long totalClicks,
                          @Schema(description = "human GET redirects after which the link answers 410; null for no limit")
                          Integer maxVisits,
                          @Schema(description = "whether the query string of a request to the short URL is appended to the target")
                          boolean forwardQuery,
                          @Schema(description = "lower-case tags of [a-z0-9-]{1,32}, at most 10")
                          List<String> tags,
                          @Schema(description = "the owner's label, at most 200 characters; null for none")
                          String title) {
}
