package io.shortlink.query.click;

import org.springframework.boot.context.properties.ConfigurationProperties;

import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How clicks are recorded ({@code shortlink.clicks.*} in query-side.yml).
 *
 * @param recording         whether redirects record clicks at all; off only to measure the redirect path without them
 * @param topic             the Kafka topic the clicks are kept on
 * @param visitorSecret     keys the daily salts of the visitor hashes; every instance must share it
 * @param countryHeader     the request header a trusted proxy puts the visitor's country in, such as CF-IPCountry
 * @param spoolDir          the local directory of the clicks on their way to Kafka; one per query-side instance
 * @param spoolCapacity     bytes of clicks the spool keeps for Kafka at most; beyond that, clicks are dropped
 * @param publishBatchSize  clicks sent to Kafka per round of the publishing thread at most
 * @param roundInterval     how often a round of clicks is sent to Kafka at most: longer means fewer, larger rounds
 * @param producer          Kafka producer settings on top of the defaults of {@link ClickPublisher}
 * @param consumer          Kafka consumer settings of the streams that read the clicks (link-stats, visit-counts,
 *                          their replays), on top of the read side's consumer settings
 * @param countryDatabase   an MMDB file to find countries of client addresses in; empty for the one the build ships
 */
@ConfigurationProperties("shortlink.clicks")
public record ClickSettings(boolean recording, String topic, String visitorSecret, String countryHeader, Path spoolDir,
                           DataSize spoolCapacity, int publishBatchSize, Duration roundInterval,
                           Map<String, String> producer, Map<String, String> consumer, String countryDatabase) {

    public ClickSettings {
        roundInterval = roundInterval == null ? Duration.ZERO : roundInterval;
        producer = producer == null ? Map.of() : Map.copyOf(producer);
        consumer = consumer == null ? Map.of() : Map.copyOf(consumer);
    }
}
