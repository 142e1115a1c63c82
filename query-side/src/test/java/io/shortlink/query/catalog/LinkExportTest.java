package io.shortlink.query.catalog;

import io.shortlink.query.stats.LinkStatsQueries;
import io.shortlink.query.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.StringWriter;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The CSV export walks all of an owner's links page by page: against a real PostgreSQL catalog (the click totals faked). */
class LinkExportTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Test
    void writesEveryLinkOfTheOwnerThatIsNotDeletedNewestFirstAcrossPages() {
        for (int i = 1; i <= 7; i++) {
            link("c" + i, "alice", T0.plusSeconds(i), i == 4 ? "DELETED" : "ACTIVE");
        }
        // Same creation time: the code settles the order, also across a page boundary.
        link("same-b", "alice", T0, "ACTIVE");
        link("same-a", "alice", T0, "ACTIVE");
        link("other", "bob", T0.plusSeconds(3), "ACTIVE");
        database.jdbc().update("update link_catalog set expires_at = ?, url = 'https://example.com/q?a=1,b=\"2\"' where code = 'c1'",
                Timestamp.from(T0.plusSeconds(3600)));

        StringWriter out = new StringWriter();
        export().write("alice", out);

        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("code,shortUrl,url,title,tags,createdAt,expiresAt,status,redirectType,maxVisits,totalClicks");
        assertThat(lines.stream().skip(1).map(line -> line.substring(0, line.indexOf(','))))
                .containsExactly("c7", "c6", "c5", "c3", "c2", "c1", "same-b", "same-a");
        assertThat(lines).contains("same-a,https://s.example/same-a,https://example.com/same-a,,,2026-03-01T10:00:00Z,,ACTIVE,302,,0");
        assertThat(lines).contains("c2,https://s.example/c2,https://example.com/c2,,,2026-03-01T10:00:02Z,,ACTIVE,302,,42");
        assertThat(lines).contains("c1,https://s.example/c1,\"https://example.com/q?a=1,b=\"\"2\"\"\",,,2026-03-01T10:00:01Z,"
                + "2026-03-01T11:00:00Z,EXPIRED,302,,0");
    }

    @Test
    void anOwnerWithoutLinksGetsTheHeaderAlone() {
        StringWriter out = new StringWriter();
        export().write("nobody", out);

        assertThat(out.toString().lines().toList()).containsExactly(String.join(",", LinkExport.COLUMNS));
    }

    /** Pages of 3, and 42 clicks for c2. */
    @SuppressWarnings("unchecked")
    private static LinkExport export() {
        LinkStatsQueries stats = mock(LinkStatsQueries.class);
        when(stats.totalClicks(anyCollection())).thenAnswer(call -> ((Collection<String>) call.getArgument(0)).stream()
                .collect(Collectors.toMap(Function.identity(), code -> code.equals("c2") ? 42L : 0L)));
        return new LinkExport(new LinkCatalog(database.jdbc()), stats, "https://s.example", 3);
    }

    private static void link(String code, String owner, Instant createdAt, String status) {
        database.jdbc().update("insert into link_catalog (code, url, owner, created_at, expires_at, redirect_type, status) values (?, ?, ?, ?, null, 302, ?)",
                code, "https://example.com/" + code, owner, Timestamp.from(createdAt), status);
    }
}
