package io.shortlink.command.link;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Body of {@code POST /api/v1/links}. */
public record CreateLinkRequest(
        @Schema(description = "absolute http or https URL, at most 8,192 characters", requiredMode = Schema.RequiredMode.REQUIRED)
        String url,
        @Schema(description = "3-64 characters of [A-Za-z0-9_-]; a generated code when absent")
        String alias,
        @Schema(description = "when the link stops redirecting; in the future; never when absent")
        Instant expiresAt,
        @Schema(description = "301, 302, 307 or 308", defaultValue = "302")
        Integer redirectType,
        @Schema(description = "human GET redirects after which the link answers 410 (EXHAUSTED); 1 to 1,000,000,000; no limit when absent",
                minimum = "1", maximum = "1000000000")
        Integer maxVisits,
        @Schema(description = "append the query string of the request to the short URL to the target", defaultValue = "false")
        Boolean forwardQuery,
        @Schema(description = "at most 10 tags of [a-z0-9-]{1,32}, lower-cased, duplicates removed")
        List<String> tags,
        @Schema(description = "the caller's own label, at most 200 characters")
        String title) {
}
