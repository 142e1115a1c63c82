package io.shortlink.query.replay;

import io.shortlink.query.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The tables of a rebuilt generation, on a real PostgreSQL with the catalog's table and its four indexes. */
class TableGenerationTest {

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    private static final String TABLE = "link_catalog";

    private TableGeneration generation() {
        return new TableGeneration("link-catalog", List.of(new TableGeneration.Table(TABLE, List.of("code"))), null,
                database.jdbc(), database.transactions());
    }

    /** Index name → its definition with the table's name left out, so that a twin's compares with the live one's. */
    private Map<String, String> indexes(String table) {
        return database.jdbc().query("select indexname, indexdef from pg_indexes where tablename = ?",
                        (row, n) -> Map.entry(row.getString(1), row.getString(2).replace(" " + row.getString(1) + " ", " ")
                                .replaceAll("ON \\S+ USING", "ON USING")), table)
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private void insertLink(String table, String code) {
        database.jdbc().update("insert into " + table + " (code, url, owner, created_at, redirect_type, status)"
                + " values (?, 'https://example.com', 'alice', now(), 302, 'ACTIVE') on conflict (code) do nothing", code);
    }

    @Test
    void theTwinGetsTheIndexesOnlyReadingNeedsOnceTheHistoryIsIn() {
        TableGeneration generation = generation();
        String twin = TABLE + TableGeneration.NEXT;

        assertThat(indexes(twin)).containsOnlyKeys(TABLE + "_pkey" + TableGeneration.NEXT);
        insertLink(twin, "abc");
        generation.completeForReading();

        assertThat(indexes(twin)).hasSize(indexes(TABLE).size()).containsKey("link_catalog_search" + TableGeneration.NEXT);
    }

    @Test
    void theLiveTableKeepsItsIndexesAndTheirNamesAcrossReplays() {
        Map<String, String> before = indexes(TABLE);
        for (int replay = 0; replay < 2; replay++) {
            TableGeneration generation = generation();
            insertLink(TABLE + TableGeneration.NEXT, "abc" + replay);
            generation.completeForReading();
            generation.makeLive();
            generation.dropReplaced();
        }

        assertThat(indexes(TABLE)).isEqualTo(before).containsKey("link_catalog_search");
        assertThat(database.jdbc().queryForObject("select conname from pg_constraint where conrelid = ?::regclass and contype = 'p'",
                String.class, TABLE)).isEqualTo(TABLE + "_pkey");
        assertThat(database.jdbc().queryForList("select code from " + TABLE, String.class)).containsExactly("abc1");
    }
}
