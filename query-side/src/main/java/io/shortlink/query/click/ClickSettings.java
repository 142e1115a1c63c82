package io.shortlink.query.click;

import org.springframework.boot.context.properties.ConfigurationProperties;

import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
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
 * @param producer          Kafka producer settings on top of the defaults of {@link ClickPublisher}
 */
@ConfigurationProperties("shortlink.clicks")
public record ClickSettings(boolean recording, String topic, String visitorSecret, String countryHeader, Path spoolDir,
                           DataSize spoolCapacity,
                           int publishBatchSize, Map<String, String> producer) {

    public ClickSettings {
        producer = producer == null ? Map.of() : Map.copyOf(producer);
    }
}
