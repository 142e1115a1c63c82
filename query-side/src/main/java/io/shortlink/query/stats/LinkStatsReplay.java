package io.shortlink.query.stats;

import io.shortlink.query.kafka.ReadSideTopics;
import io.shortlink.query.replay.ProjectionGeneration;
import io.shortlink.query.replay.ReplayableProjection;
import io.shortlink.query.replay.TableGeneration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Rebuilds the link stats from the link events and every click into tables of their own, next to the live ones (see
 * {@link TableGeneration}); the unique visitors are rebuilt from the visitor hashes the clicks carry.
 */
@Component
class LinkStatsReplay implements ReplayableProjection {

    static final List<TableGeneration.Table> TABLES = List.of(
            new TableGeneration.Table(LinkStatsStore.LINKS, List.of("code")),
            new TableGeneration.Table(LinkStatsStore.DAILY, List.of("code", "day")),
            new TableGeneration.Table(LinkStatsStore.VISITORS, List.of("day", "code", "visitor")),
            new TableGeneration.Table(LinkStatsStore.DIMENSIONS, List.of("code", "dimension", "day", "value")),
            new TableGeneration.Table(LinkStatsStore.TOTALS, List.of("code")));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ReadSideTopics topics;
    private final UserAgents userAgents;

    LinkStatsReplay(JdbcTemplate jdbc, TransactionTemplate transactions, ReadSideTopics topics, UserAgents userAgents) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.topics = topics;
        this.userAgents = userAgents;
    }

    @Override
    public String name() {
        return LinkStatsProjection.PROCESSING_GROUP;
    }

    @Override
    public String processingGroup() {
        return LinkStatsProjection.PROCESSING_GROUP;
    }

    @Override
    public List<String> topics() {
        return topics.linkEventsAndClicks();
    }

    @Override
    public ProjectionGeneration newGeneration() {
        LinkStatsStore rebuilt = new LinkStatsStore(jdbc, TableGeneration.NEXT);
        return new TableGeneration(name(), TABLES, new LinkStatsProjection(rebuilt, userAgents), jdbc, transactions);
    }
}
