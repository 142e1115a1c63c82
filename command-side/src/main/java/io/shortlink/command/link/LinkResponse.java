package io.shortlink.command.link;

import io.shortlink.events.LinkCreated;
import io.shortlink.events.LinkStatus;

import java.time.Instant;
import java.util.List;

/** A link as the API shows it. */
public record LinkResponse(String code, String shortUrl, String url, Instant createdAt, Instant expiresAt,
                           int redirectType, LinkStatus status,
                           Integer maxVisits, boolean forwardQuery, List<String> tags, String title) {

    public static LinkResponse of(LinkCreated created, String baseUrl) {
        return of(new LinkState(created.code(), created.url(), created.createdAt(), created.expiresAt(),
                created.redirectType(), LinkStatus.ACTIVE, created.maxVisits(), created.forwardQuery(), created.tags(),
                created.title()), baseUrl);
    }

    static LinkResponse of(LinkState link, String baseUrl) {
        return new LinkResponse(link.code(), baseUrl + "/" + link.code(), link.url(), link.createdAt(), link.expiresAt(),
                link.redirectType(), link.status(), link.maxVisits(), link.forwardQuery(), link.tags(), link.title());
    }
}
