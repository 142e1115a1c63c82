package io.shortlink.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A short link came into existence. {@code code} is either a generated code or the caller's alias:
 * both share one namespace, and a code is never given out twice.
 *
 * @param owner        owner of the API key that created it, {@code null} for an anonymous link
 * @param redirectType HTTP status of the redirect: 301, 302, 307 or 308
 * @param expiresAt    when the link stops redirecting, {@code null} for never
 */
@Revision("1")
public record LinkCreated(
        String code,
        String url,
        String owner,
        int redirectType,
        Instant expiresAt,
        Instant createdAt) {
}
