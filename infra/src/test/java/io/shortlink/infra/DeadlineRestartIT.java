package io.shortlink.infra;

import io.shortlink.events.AliasReservationLapsed;
import io.shortlink.events.LinkExpired;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Deadlines are kept in PostgreSQL: an expiry and a lapse that fall due while the system is stopped happen after the next start. */
class DeadlineRestartIT {

    private static final JsonMapper json = JsonMapper.builder().build();
    /** Long enough for the first system to stop before the deadlines are due, even on a busy machine. */
    private static final Duration DUE_IN = Duration.ofSeconds(10);

    @Test
    void anExpiryAndALapseDueWhileStoppedHappenAfterTheNextStart(@TempDir Path dataDir) throws Exception {
        String alias = "lapses-while-stopped";
        Instant expiresAt;
        Instant reservedUntil;
        String code;
        try (RunningShortlink first = RunningShortlink.start(dataDir, true)) {
            // alice's key first: waiting for the read side to know it must not eat into the time left before the deadlines.
            first.bearer("alice");
            expiresAt = Instant.now().plus(DUE_IN);
            reservedUntil = expiresAt;
            HttpResponse<String> created = first.as("alice", "POST", "/api/v1/links",
                    "{\"url\":\"https://example.com/expires-while-stopped\",\"expiresAt\":\"" + expiresAt + "\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            code = json.readTree(created.body()).get("code").asString();
            assertThat(first.as("alice", "PUT", "/api/v1/aliases/" + alias,
                    "{\"reservedUntil\":\"" + reservedUntil + "\"}").statusCode()).isEqualTo(201);
        }
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()));

        Instant restarted = Instant.now();
        try (RunningShortlink second = RunningShortlink.start(dataDir, true)) {
            EventStore events = second.application.getBean(EventStore.class);

            DomainEventMessage<?> expired = awaitEvent(events, code, LinkExpired.class);
            assertThat(expired.getPayload()).isEqualTo(new LinkExpired(code, expiresAt));
            assertThat(expired.getTimestamp()).isAfter(restarted);
            assertThat(second.getUntil("/api/v1/links/" + code, r -> r.body().contains("EXPIRED"), Duration.ofSeconds(5)).body())
                    .contains("\"status\":\"EXPIRED\"");
            assertThat(second.get("/" + code).statusCode()).isEqualTo(410);

            DomainEventMessage<?> lapsed = awaitEvent(events, alias, AliasReservationLapsed.class);
            assertThat(lapsed.getPayload()).isEqualTo(new AliasReservationLapsed(alias, "alice", reservedUntil));
            assertThat(lapsed.getTimestamp()).isAfter(restarted);
            HttpResponse<String> taken = second.as(null, "POST", "/api/v1/links",
                    "{\"url\":\"https://example.com/after-the-lapse\",\"alias\":\"" + alias + "\"}");
            assertThat(taken.statusCode()).isEqualTo(201);
        }
    }

    /** The first event of {@code type} in the aggregate's stream, waiting for it up to 20 seconds. */
    private static DomainEventMessage<?> awaitEvent(EventStore events, String aggregate, Class<?> type) throws InterruptedException {
        Instant patience = Instant.now().plusSeconds(20);
        Optional<? extends DomainEventMessage<?>> event = find(events, aggregate, type);
        while (event.isEmpty() && Instant.now().isBefore(patience)) {
            Thread.sleep(100);
            event = find(events, aggregate, type);
        }
        assertThat(event).as("a %s event for %s", type.getSimpleName(), aggregate).isPresent();
        return event.get();
    }

    private static Optional<? extends DomainEventMessage<?>> find(EventStore events, String aggregate, Class<?> type) {
        return events.readEvents(aggregate).asStream().filter(e -> type.isInstance(e.getPayload())).findFirst();
    }
}
