package io.shortlink.query.catalog;

import io.shortlink.query.redirect.RedirectBackup;
import io.shortlink.query.redirect.RedirectEntry;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The link catalog in PostgreSQL holds everything a redirect needs, so it backs the Redis view up. */
@Component
class CatalogRedirectBackup implements RedirectBackup {

    private final LinkCatalog catalog;

    CatalogRedirectBackup(LinkCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<RedirectEntry> find(String code) {
        return catalog.find(code).map(entry -> new RedirectEntry(
                entry.url(), RedirectEntry.LinkStatus.valueOf(entry.status()), entry.redirectType(), entry.expiresAt(),
                entry.forwardQuery()));
    }
}
