package io.shortlink.query.catalog;

import io.shortlink.events.LinkChanged;
import io.shortlink.events.LinkCreated;
import io.shortlink.events.LinkExhausted;
import io.shortlink.events.LinkReactivated;
import io.shortlink.events.LinkStatus;
import io.shortlink.events.upcasting.LinkEventUpcasters;
import io.shortlink.events.upcasting.StoredEvents;
import io.shortlink.query.FreshDatabase;
import io.shortlink.query.ProcessorBatches;
import io.shortlink.query.replay.TableGeneration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The link catalog built from events a real event store holds in revision 1, read through the upcasters, and from
 * a history that mixes them with revision-2 events: against a real PostgreSQL.
 */
class LinkCatalogRevisionsTest {

    private static final Instant LATER = Instant.parse("2026-12-02T12:00:00Z");

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    private static List<EventMessage<?>> revision1() {
        return new ArrayList<>(StoredEvents.read(StoredEvents.REVISION_1, LinkEventUpcasters.chain()));
    }

    /** Revision-1 events followed by revision-2 events of the same links and of a new one. */
    private static List<EventMessage<?>> mixedHistory() {
        List<EventMessage<?>> events = revision1();
        events.add(GenericEventMessage.asEventMessage(new LinkChanged("rev1-launch", "https://example.com/launch-v3",
                Instant.parse("2030-01-01T00:00:00Z"), 307, LATER, 2, true, List.of("launch", "q4"), "Launch")));
        events.add(GenericEventMessage.asEventMessage(new LinkExhausted("rev1-launch", 2, LATER)));
        events.add(GenericEventMessage.asEventMessage(new LinkCreated("rev2-new", "https://example.com/new", "alice", 302, null,
                LATER, null, false, List.of("q4"), null)));
        events.add(GenericEventMessage.asEventMessage(new LinkChanged("rev1-expiring", "https://example.com/short-lived", null,
                302, LATER, 5, false, List.of(), "Short")));
        events.add(GenericEventMessage.asEventMessage(new LinkExhausted("rev1-expiring", 5, LATER)));
        events.add(GenericEventMessage.asEventMessage(new LinkChanged("rev1-expiring", "https://example.com/short-lived", null,
                302, LATER, null, false, List.of(), "Short")));
        events.add(GenericEventMessage.asEventMessage(new LinkReactivated("rev1-expiring", LATER)));
        return events;
    }

    @Test
    void revision1EventsBuildRowsWithoutLimitForwardingTagsOrTitle() {
        LinkCatalog catalog = new LinkCatalog(database.jdbc());
        handle(catalog, revision1(), 100);

        assertThat(catalog.find("rev1-launch")).contains(new CatalogEntry("rev1-launch", "https://example.com/launch-v2", "alice",
                Instant.parse("2026-12-02T10:33:53.514435Z"), Instant.parse("2030-01-01T00:00:00Z"), 307, LinkStatus.ACTIVE,
                null, false, List.of(), null));
        assertThat(catalog.find("KKNFKyQ").orElseThrow().owner()).isNull();
        assertThat(catalog.find("rev1-deleted").orElseThrow().status()).isEqualTo(LinkStatus.DELETED);
        assertThat(catalog.find("rev1-expiring").orElseThrow().status()).isEqualTo(LinkStatus.ACTIVE);
        assertThat(catalog.find("rev1-reserved")).as("a reservation is no link").isEmpty();
    }

    @Test
    void aMixedHistoryEndsWithTheNewSettingsAndStatuses() {
        LinkCatalog catalog = new LinkCatalog(database.jdbc());
        handle(catalog, mixedHistory(), 100);

        CatalogEntry launch = catalog.find("rev1-launch").orElseThrow();
        assertThat(launch.status()).isEqualTo(LinkStatus.EXHAUSTED);
        assertThat(launch.maxVisits()).isEqualTo(2);
        assertThat(launch.forwardQuery()).isTrue();
        assertThat(launch.tags()).containsExactly("launch", "q4");
        assertThat(launch.title()).isEqualTo("Launch");
        assertThat(catalog.find("rev1-expiring").orElseThrow().status()).isEqualTo(LinkStatus.ACTIVE);
        assertThat(catalog.ofOwner("alice", new LinkFilter("q4", null), 0, 10)).extracting(CatalogEntry::code).containsExactly("rev2-new", "rev1-launch");
        assertThat(catalog.countOfOwner("alice", new LinkFilter("q4", null))).isEqualTo(2);
        assertThat(catalog.countOfOwner("alice", LinkFilter.NONE)).as("the deleted link is left out").isEqualTo(3);
    }

    /** A replay over the mixed history, in batches of another size, ends equal to the live catalog row for row. */
    @Test
    void aRebuildOverTheMixedHistoryEqualsTheLiveCatalog() {
        JdbcTemplate jdbc = database.jdbc();
        handle(new LinkCatalog(jdbc), mixedHistory(), 3);
        TableGeneration rebuilt = new TableGeneration("link-catalog",
                List.of(new TableGeneration.Table(LinkCatalog.LIVE_TABLE, List.of("code"))), null, jdbc, database.transactions());
        handle(new LinkCatalog(jdbc, LinkCatalog.LIVE_TABLE + TableGeneration.NEXT), mixedHistory(), 1000);

        assertThat(rebuilt.differencesFromLive(10)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from link_catalog", Long.class)).isEqualTo(5);
    }

    private static void handle(LinkCatalog catalog, List<EventMessage<?>> events, int batchSize) {
        ProcessorBatches.handle(new LinkCatalogProjection(catalog), events, batchSize);
    }
}
