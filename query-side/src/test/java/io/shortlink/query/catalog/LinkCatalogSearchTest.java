package io.shortlink.query.catalog;

import io.shortlink.query.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Searching an owner's links ({@code GET /api/v1/links?q=}) against a real PostgreSQL catalog and its trigram index. */
class LinkCatalogSearchTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    private JdbcTemplate jdbc;
    private LinkCatalog catalog;
    private int created;

    @BeforeEach
    void links() {
        jdbc = database.jdbc();
        catalog = new LinkCatalog(jdbc);
        link("Launch7", "https://shop.example/spring-sale?ref=mail", "Spring campaign", "ACTIVE", "sale");
        link("news1", "https://news.example/a", "Weekly NEWS letter", "ACTIVE", "mail");
        link("news2", "https://news.example/b", null, "ACTIVE", "sale");
        link("news3", "https://news.example/c", null, "DELETED", "sale");
        link("pct", "https://e.example/100%25_off", "100% off_now", "ACTIVE");
        link("plain", "https://e.example/100x25-off", "100 percent", "ACTIVE");
        jdbc.update("insert into link_catalog (code, url, owner, created_at, redirect_type, status) values"
                + " ('bobnews', 'https://news.example/bob', 'bob', now(), 302, 'ACTIVE')");
    }

    @Test
    void findsTheTextInCodeTargetOrTitleIgnoringCase() {
        assertThat(search(null, "LAUNCH")).containsExactly("Launch7");
        assertThat(search(null, "spring-SALE")).containsExactly("Launch7");
        assertThat(search(null, "campaign")).containsExactly("Launch7");
        assertThat(search(null, "news")).as("newest first; deleted links and other owners' left out")
                .containsExactly("news2", "news1");
        assertThat(search(null, "nothing like it")).isEmpty();
    }

    @Test
    void combinesWithTheTagFilterAndPaging() {
        assertThat(search("sale", "news")).containsExactly("news2");
        assertThat(catalog.countOfOwner("alice", new LinkFilter("sale", "news"))).isEqualTo(1);
        assertThat(catalog.ofOwner("alice", new LinkFilter(null, "example"), 2, 2)).extracting(CatalogEntry::code)
                .containsExactly("news2", "news1");
        assertThat(catalog.countOfOwner("alice", new LinkFilter(null, "example"))).isEqualTo(5);
    }

    @Test
    void wildcardsAndTheEscapeCharacterAreMatchedLiterally() {
        assertThat(search(null, "100%")).containsExactly("pct");
        assertThat(search(null, "%25_off")).containsExactly("pct");
        assertThat(search(null, "100_")).isEmpty();
        assertThat(search(null, "\\")).isEmpty();
    }

    @Test
    void neverMatchesAcrossTwoFields() {
        // The code of Launch7 ends where its URL begins.
        assertThat(search(null, "Launch7https")).isEmpty();
        assertThat(search(null, "Launch7 https")).isEmpty();
    }

    /** An owner with many links: the trigram index finds the few that match, rather than reading them all. */
    @Test
    void theTrigramIndexServesASearchOfManyLinks() {
        jdbc.update("insert into link_catalog (code, url, owner, created_at, redirect_type, status)"
                + " select 'many' || n, 'https://example.com/page/' || n, 'many', now(), 302, 'ACTIVE' from generate_series(1, 20000) n");
        // As autovacuum would: the rows move from the index's pending list into the index, and the planner learns of them.
        jdbc.execute("vacuum analyze link_catalog");
        String search = "select code from link_catalog where owner = 'many' and status <> 'DELETED'"
                + " and " + LinkCatalog.SEARCHED + " ilike '%campaign%'";

        assertThat(String.join("\n", jdbc.queryForList("explain " + search, String.class))).contains("link_catalog_search");
    }

    private List<String> search(String tag, String text) {
        return catalog.ofOwner("alice", new LinkFilter(tag, text), 0, 20).stream().map(CatalogEntry::code).toList();
    }

    private void link(String code, String url, String title, String status, String... tags) {
        jdbc.update("insert into link_catalog (code, url, owner, created_at, redirect_type, status, tags, title)"
                        + " values (?, ?, 'alice', ?, 302, ?, string_to_array(?, ','), ?)",
                code, url, Timestamp.from(T0.plusSeconds(created++)), status, String.join(",", tags), title);
    }
}
