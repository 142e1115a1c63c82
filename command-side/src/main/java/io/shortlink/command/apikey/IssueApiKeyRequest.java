package io.shortlink.command.apikey;

/** Body of {@code POST /api/v1/admin/keys}. */
public record IssueApiKeyRequest(String owner, Integer rateLimitPerHour) {
}
