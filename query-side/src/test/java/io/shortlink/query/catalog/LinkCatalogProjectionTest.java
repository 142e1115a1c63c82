package io.shortlink.query.catalog;

import io.shortlink.events.AliasReserved;
import io.shortlink.events.LinkChanged;
import io.shortlink.events.LinkCreated;
import io.shortlink.events.LinkDeleted;
import io.shortlink.events.LinkExhausted;
import io.shortlink.events.LinkExpired;
import io.shortlink.events.LinkReactivated;
import io.shortlink.events.LinkStatus;
import io.shortlink.query.FreshDatabase;
import io.shortlink.query.ProcessorBatches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The row each link event leaves in the catalog: against a real PostgreSQL. */
class LinkCatalogProjectionTest {

    private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant LATER = CREATED.plusSeconds(3600);
    private static final Instant EXPIRES = Instant.parse("2027-01-01T00:00:00Z");
    private static final LinkCreated ABC = new LinkCreated("abc", "https://example.com/a", "alice", 301, EXPIRES, CREATED, 5,
            true, List.of("launch", "q4"), "Launch");
    private static final LinkChanged ABC_CHANGED = new LinkChanged("abc", "https://example.com/b", null, 307, LATER, null,
            false, List.of(), null);

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    private LinkCatalog catalog;

    private void handle(Object... events) {
        catalog = new LinkCatalog(database.jdbc());
        ProcessorBatches.handle(new LinkCatalogProjection(catalog), events);
    }

    private CatalogEntry abc() {
        return catalog.find("abc").orElseThrow();
    }

    @Test
    void aCreatedLinkIsARowWithEverySettingAndActive() {
        handle(ABC);

        assertThat(catalog.find("abc")).contains(new CatalogEntry("abc", "https://example.com/a", "alice", CREATED, EXPIRES,
                301, LinkStatus.ACTIVE, 5, true, List.of("launch", "q4"), "Launch"));
    }

    @Test
    void anAnonymousLinkHasNoOwner() {
        handle(new LinkCreated("anon", "https://example.com/x", null, 302, null, CREATED, null, false, List.of(), null));

        assertThat(catalog.find("anon").orElseThrow().owner()).isNull();
    }

    @Test
    void aChangeSetsEverySettingAndLeavesTheStatus() {
        handle(ABC, new LinkExhausted("abc", 5, LATER), ABC_CHANGED);

        assertThat(abc()).isEqualTo(new CatalogEntry("abc", "https://example.com/b", "alice", CREATED, null, 307,
                LinkStatus.EXHAUSTED, null, false, List.of(), null));
    }

    @Test
    void eachStatusEventSetsItsStatus() {
        handle(ABC, new LinkExpired("abc", EXPIRES));
        assertThat(abc().status()).isEqualTo(LinkStatus.EXPIRED);
        handle(new LinkReactivated("abc", LATER));
        assertThat(abc().status()).isEqualTo(LinkStatus.ACTIVE);
        handle(new LinkExhausted("abc", 5, LATER));
        assertThat(abc().status()).isEqualTo(LinkStatus.EXHAUSTED);
        handle(new LinkDeleted("abc", LATER));
        assertThat(abc().status()).isEqualTo(LinkStatus.DELETED);
    }

    @Test
    void eventsHandledAgainLeaveTheSameRow() {
        handle(ABC, ABC_CHANGED, new LinkDeleted("abc", LATER));
        CatalogEntry once = abc();

        handle(ABC, ABC_CHANGED, new LinkDeleted("abc", LATER));
        handle(ABC);

        assertThat(abc()).isEqualTo(once);
    }

    @Test
    void aReservationIsNoLink() {
        handle(new AliasReserved("launch", "alice", LATER, CREATED));

        assertThat(catalog.find("launch")).isEmpty();
    }
}
