package io.shortlink.query.catalog;

import io.shortlink.query.kafka.ReadSideTopics;
import io.shortlink.query.replay.ProjectionGeneration;
import io.shortlink.query.replay.ReplayableProjection;
import io.shortlink.query.replay.TableGeneration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/** Rebuilds the link catalog into a table of its own, next to the live one (see {@link TableGeneration}). */
@Component
class LinkCatalogReplay implements ReplayableProjection {

    private static final List<TableGeneration.Table> TABLES = List.of(new TableGeneration.Table(LinkCatalog.LIVE_TABLE, List.of("code")));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ReadSideTopics topics;

    LinkCatalogReplay(JdbcTemplate jdbc, TransactionTemplate transactions, ReadSideTopics topics) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.topics = topics;
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
    public List<String> topics() {
        return topics.linkEvents();
    }

    @Override
    public ProjectionGeneration newGeneration() {
        LinkCatalog rebuilt = new LinkCatalog(jdbc, LinkCatalog.LIVE_TABLE + TableGeneration.NEXT);
        return new TableGeneration(name(), TABLES, new LinkCatalogProjection(rebuilt), jdbc, transactions);
    }
}
