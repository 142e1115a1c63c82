package io.shortlink.query.catalog;

import io.shortlink.query.kafka.ReadSideTopics;
import io.shortlink.query.processing.ProcessorWatermark;
import io.shortlink.query.processing.ProcessorWatermarks;
import io.shortlink.query.redirect.RedirectBackup;
import io.shortlink.query.redirect.RedirectEntry;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The link catalog in PostgreSQL holds everything a redirect needs, so it backs the Redis view up. */
@Component
class CatalogRedirectBackup implements RedirectBackup {

    private final LinkCatalog catalog;
    private final ProcessorWatermark watermark;

    CatalogRedirectBackup(LinkCatalog catalog, ProcessorWatermarks watermarks, ReadSideTopics topics) {
        this.catalog = catalog;
        this.watermark = watermarks.of(LinkCatalogProjection.PROCESSING_GROUP, topics.linkEvents());
    }

    @Override
    public Optional<RedirectEntry> find(String code) {
        return catalog.find(code).map(entry -> new RedirectEntry(
                entry.url(), entry.status(), entry.redirectType(), entry.expiresAt(),
                entry.forwardQuery(), entry.maxVisits() != null));
    }

    @Override
    public long heldAsOf() {
        return watermark.heldAsOf();
    }
}
