package io.shortlink.query.catalog;

import io.shortlink.events.LinkCreated;
import io.shortlink.events.LinkDeleted;
import io.shortlink.query.FreshDatabase;
import io.shortlink.query.ProcessorBatches;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog's reads of an owner's links, by page, by tag and by key: against a real PostgreSQL. */
class LinkCatalogTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    private LinkCatalog catalog;

    /** alice: l1…l6 a second apart (l3 deleted, l2 and l5 tagged q4), and same-a, same-b at T0; bob: one link tagged q4. */
    @BeforeEach
    void links() {
        catalog = new LinkCatalog(database.jdbc());
        List<Object> events = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            events.add(link("l" + i, "alice", T0.plusSeconds(i), i == 2 || i == 5 ? List.of("q4", "launch") : List.of("launch")));
        }
        events.add(link("same-b", "alice", T0, List.of()));
        events.add(link("same-a", "alice", T0, List.of()));
        events.add(link("bobs", "bob", T0.plusSeconds(9), List.of("q4")));
        events.add(new LinkDeleted("l3", T0.plusSeconds(60)));
        ProcessorBatches.handle(new LinkCatalogProjection(catalog), events, events.size());
    }

    private static LinkCreated link(String code, String owner, Instant createdAt, List<String> tags) {
        return new LinkCreated(code, "https://example.com/" + code, owner, 302, null, createdAt, null, false, tags, null);
    }

    private static List<String> codes(List<CatalogEntry> entries) {
        return entries.stream().map(CatalogEntry::code).toList();
    }

    @Test
    void pagesThroughTheOwnersLinksNewestFirstWithoutTheDeletedOnes() {
        assertThat(codes(catalog.ofOwner("alice", LinkFilter.NONE, 0, 3))).containsExactly("l6", "l5", "l4");
        assertThat(codes(catalog.ofOwner("alice", LinkFilter.NONE, 3, 3))).as("same time: the code decides").containsExactly("l2", "l1", "same-b");
        assertThat(codes(catalog.ofOwner("alice", LinkFilter.NONE, 6, 3))).containsExactly("same-a");
        assertThat(catalog.ofOwner("alice", LinkFilter.NONE, 7, 3)).isEmpty();
        assertThat(catalog.countOfOwner("alice", LinkFilter.NONE)).isEqualTo(7);
    }

    @Test
    void filtersByTag() {
        assertThat(codes(catalog.ofOwner("alice", new LinkFilter("q4", null), 0, 10))).containsExactly("l5", "l2");
        assertThat(catalog.countOfOwner("alice", new LinkFilter("q4", null))).isEqualTo(2);
        assertThat(codes(catalog.ofOwner("alice", new LinkFilter("launch", null), 0, 10))).containsExactly("l6", "l5", "l4", "l2", "l1");
        assertThat(catalog.ofOwner("alice", new LinkFilter("q", null), 0, 10)).as("a tag matches whole").isEmpty();
        assertThat(catalog.countOfOwner("carol", LinkFilter.NONE)).isZero();
    }

    @Test
    void walksByKeyThroughTheSameLinksAsByOffset() {
        List<CatalogEntry> walked = new ArrayList<>();
        List<CatalogEntry> page = catalog.ofOwnerAfter("alice", null, 2);
        while (!page.isEmpty()) {
            walked.addAll(page);
            page = catalog.ofOwnerAfter("alice", page.get(page.size() - 1), 2);
        }

        assertThat(walked).isEqualTo(catalog.ofOwner("alice", LinkFilter.NONE, 0, 100)).hasSize(7);
    }

    @Test
    void findsALinkByCodeWhateverItsStatus() {
        assertThat(catalog.find("l3")).isPresent();
        assertThat(catalog.find("nope")).isEmpty();
    }
}
