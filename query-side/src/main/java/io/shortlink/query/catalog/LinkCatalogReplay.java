package io.shortlink.query.catalog;

import io.shortlink.query.replay.ProjectionGeneration;
import io.shortlink.query.replay.ReplayableProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Rebuilds the link catalog into a table of its own, {@value #NEXT_TABLE}, shaped like the live one. The switch renames
 * both tables in one transaction: readers wait for it for a moment and then read the new table; PostgreSQL re-plans
 * prepared statements after the rename, so nothing else has to know.
 */
@Component
class LinkCatalogReplay implements ReplayableProjection {

    static final String NEXT_TABLE = "link_catalog_next";
    private static final String REPLACED_TABLE = "link_catalog_replaced";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    LinkCatalogReplay(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public String name() {
        return LinkCatalogProjection.PROCESSING_GROUP;
    }

    @Override
    public String processingGroup() {
        return LinkCatalogProjection.PROCESSING_GROUP;
    }

    @Override
    public ProjectionGeneration newGeneration() {
        transactions.executeWithoutResult(status -> {
            jdbc.execute("drop table if exists " + NEXT_TABLE);
            jdbc.execute("create table " + NEXT_TABLE + " (like " + LinkCatalog.LIVE_TABLE + " including all)");
        });
        return new Generation();
    }

    private final class Generation implements ProjectionGeneration {

        @Override
        public Object eventHandler() {
            return new LinkCatalogProjection(new LinkCatalog(jdbc, NEXT_TABLE));
        }

        @Override
        public List<String> differencesFromLive(int limit) {
            return jdbc.query("select coalesce(live.code, rebuilt.code) as code, row(live.*)::text as live, row(rebuilt.*)::text as rebuilt"
                            + " from " + LinkCatalog.LIVE_TABLE + " live full join " + NEXT_TABLE + " rebuilt on live.code = rebuilt.code"
                            + " where row(live.*) is distinct from row(rebuilt.*) order by 1 limit ?",
                    (row, number) -> "link-catalog " + row.getString("code") + ": live " + row.getString("live")
                            + ", rebuilt " + row.getString("rebuilt"),
                    limit);
        }

        @Override
        public void makeLive() {
            transactions.executeWithoutResult(status -> {
                jdbc.execute("drop table if exists " + REPLACED_TABLE);
                jdbc.execute("alter table " + LinkCatalog.LIVE_TABLE + " rename to " + REPLACED_TABLE);
                jdbc.execute("alter table " + NEXT_TABLE + " rename to " + LinkCatalog.LIVE_TABLE);
            });
        }

        @Override
        public void dropReplaced() {
            jdbc.execute("drop table if exists " + REPLACED_TABLE);
        }

        @Override
        public void discard() {
            jdbc.execute("drop table if exists " + NEXT_TABLE);
        }
    }
}
