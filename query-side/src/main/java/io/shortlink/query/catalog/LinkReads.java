package io.shortlink.query.catalog;

import io.shortlink.query.processing.ReadSnapshots;
import io.shortlink.query.stats.LinkStatsQueries;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers the metadata and list reads from the link catalog. */
@Service
public class LinkReads {

    private final LinkCatalog catalog;
    private final LinkStatsQueries stats;
    private final String baseUrl;
    private final Clock clock = Clock.systemUTC();
    /** A page and its total from one snapshot: read apart, a link added or deleted in between made them disagree. */
    private final TransactionTemplate oneSnapshot;

    LinkReads(LinkCatalog catalog, LinkStatsQueries stats, @Value("${shortlink.base-url}") String baseUrl,
              PlatformTransactionManager transactionManager) {
        this.catalog = catalog;
        this.stats = stats;
        this.baseUrl = baseUrl;
        this.oneSnapshot = ReadSnapshots.of(transactionManager);
    }

    Optional<LinkDetails> details(String code) {
        return catalog.find(code).map(entry -> details(entry, stats.totalClicks(entry.code())));
    }

    /** The short URL of a link the catalog knows, whatever its status. */
    public Optional<String> shortUrl(String code) {
        return catalog.find(code).map(entry -> shortUrlOf(entry.code()));
    }

    LinkPage ofOwner(String owner, LinkFilter filter, int page, int size) {
        return oneSnapshot.execute(transaction -> pageOfOwner(owner, filter, page, size));
    }

    private LinkPage pageOfOwner(String owner, LinkFilter filter, int page, int size) {
        List<CatalogEntry> entries = catalog.ofOwner(owner, filter, (long) page * size, size);
        Map<String, Long> clicks = stats.totalClicks(entries.stream().map(CatalogEntry::code).toList());
        return new LinkPage(entries.stream().map(entry -> details(entry, clicks.get(entry.code()))).toList(),
                page, size, catalog.countOfOwner(owner, filter));
    }

    private LinkDetails details(CatalogEntry entry, long totalClicks) {
        return new LinkDetails(entry.code(), shortUrlOf(entry.code()), entry.url(), entry.createdAt(),
                entry.expiresAt(), entry.redirectType(), entry.statusAt(clock.instant()), totalClicks, entry.maxVisits(),
                entry.forwardQuery(), entry.tags(), entry.title());
    }

    private String shortUrlOf(String code) {
        return baseUrl + "/" + code;
    }
}
