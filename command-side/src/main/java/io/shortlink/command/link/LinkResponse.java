package io.shortlink.command.link;

import io.shortlink.events.LinkCreated;

import java.time.Instant;

/** A link as the API shows it. */
public record LinkResponse(String code, String shortUrl, String url, Instant createdAt, Instant expiresAt,
                           int redirectType, String status) {

    public static LinkResponse of(LinkCreated created, String baseUrl) {
        return of(new LinkState(created.code(), created.url(), created.createdAt(), created.expiresAt(),
                created.redirectType(), "ACTIVE"), baseUrl);
    }

    static LinkResponse of(LinkState link, String baseUrl) {
        return new LinkResponse(link.code(), baseUrl + "/" + link.code(), link.url(), link.createdAt(), link.expiresAt(),
                link.redirectType(), link.status());
    }
}
