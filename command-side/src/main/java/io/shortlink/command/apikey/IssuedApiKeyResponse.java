package io.shortlink.command.apikey;

import java.time.Instant;

/** The only answer that ever shows {@code key}. */
public record IssuedApiKeyResponse(String id, String key, String owner, Instant createdAt) {
}
