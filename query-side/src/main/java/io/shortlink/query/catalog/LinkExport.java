package io.shortlink.query.catalog;

import io.shortlink.query.stats.LinkStatsQueries;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes all of an owner's links that are not deleted as CSV, newest first, a page at a time: memory stays the same
 * whatever the number of links, and no connection is held while the client reads. Tags are joined by {@code |}.
 */
@Service
class LinkExport {

    static final List<String> COLUMNS = List.of("code", "shortUrl", "url", "title", "tags", "createdAt", "expiresAt",
            "status", "redirectType", "maxVisits", "totalClicks");
    private static final CsvSchema SCHEMA = CsvSchema.builder().addColumns(COLUMNS, CsvSchema.ColumnType.STRING)
            .build().withHeader();
    /** Quotes a value only where CSV needs it (a comma, a quote, a line break), not every URL with a dash. */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING).build();

    private final LinkCatalog catalog;
    private final LinkStatsQueries stats;
    private final String baseUrl;
    private final int pageSize;
    private final Clock clock = Clock.systemUTC();

    LinkExport(LinkCatalog catalog, LinkStatsQueries stats, @Value("${shortlink.base-url}") String baseUrl,
               @Value("${shortlink.export.page-size:1000}") int pageSize) {
        this.catalog = catalog;
        this.stats = stats;
        this.baseUrl = baseUrl;
        this.pageSize = pageSize;
    }

    void write(String owner, Writer out) {
        try (SequenceWriter rows = CSV.writerFor(Object[].class).with(SCHEMA).writeValues(out)) {
            CatalogEntry last = null;
            List<CatalogEntry> page;
            do {
                page = catalog.ofOwnerAfter(owner, last, pageSize);
                Map<String, Long> clicks = stats.totalClicks(page.stream().map(CatalogEntry::code).toList());
                Instant now = clock.instant();
                for (CatalogEntry entry : page) {
                    rows.write(row(entry, clicks.get(entry.code()), now));
                }
                last = page.isEmpty() ? null : page.get(page.size() - 1);
            } while (page.size() == pageSize);
        }
    }

    private Object[] row(CatalogEntry entry, long totalClicks, Instant now) {
        return new Object[]{entry.code(), baseUrl + "/" + entry.code(), entry.url(), entry.title(),
                entry.tags() == null || entry.tags().isEmpty() ? null : String.join("|", entry.tags()), entry.createdAt().toString(),
                entry.expiresAt() == null ? null : entry.expiresAt().toString(), entry.statusAt(now), entry.redirectType(),
                entry.maxVisits(), totalClicks};
    }
}
