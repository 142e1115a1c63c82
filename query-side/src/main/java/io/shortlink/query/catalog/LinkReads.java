package io.shortlink.query.catalog;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.Optional;

/** Answers the metadata and list reads from the link catalog. */
@Service
class LinkReads {

    private final LinkCatalog catalog;
    private final String baseUrl;
    private final Clock clock = Clock.systemUTC();

    LinkReads(LinkCatalog catalog, @Value("${shortlink.base-url}") String baseUrl) {
        this.catalog = catalog;
        this.baseUrl = baseUrl;
    }

    Optional<LinkDetails> details(String code) {
        return catalog.find(code).map(this::details);
    }

    LinkPage ofOwner(String owner, int page, int size) {
        return new LinkPage(catalog.ofOwner(owner, (long) page * size, size).stream().map(this::details).toList(),
                page, size, catalog.countOfOwner(owner));
    }

    private LinkDetails details(CatalogEntry entry) {
        return new LinkDetails(entry.code(), baseUrl + "/" + entry.code(), entry.url(), entry.createdAt(),
                entry.expiresAt(), entry.redirectType(), entry.statusAt(clock.instant()), totalClicks(entry.code()));
    }

    /** Clicks are not counted yet: the click analytics (link-stats) will answer this. */
    private long totalClicks(String code) {
        return 0;
    }
}
