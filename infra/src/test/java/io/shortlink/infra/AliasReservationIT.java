package io.shortlink.infra;

import io.shortlink.events.AliasReservationLapsed;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.shortlink.infra.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** PUT and DELETE /api/v1/aliases/{alias}, and what a reservation means for links and redirects. */
class AliasReservationIT {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static RunningShortlink shortlink;

    @BeforeAll
    static void start() throws Exception {
        shortlink = RunningShortlink.shared();
    }

    private static String freshAlias() {
        return "res-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static HttpResponse<String> reserve(String caller, String alias, String body) throws Exception {
        return shortlink.as(caller, "PUT", "/api/v1/aliases/" + alias, body);
    }

    private static HttpResponse<String> createLink(String caller, String alias) throws Exception {
        return shortlink.as(caller, "POST", "/api/v1/links", "{\"url\":\"https://example.com/" + alias + "\",\"alias\":\"" + alias + "\"}");
    }

    @Test
    void reservingNeedsAnApiKey() throws Exception {
        HttpResponse<String> anonymous = reserve(null, freshAlias(), null);
        assertProblem(anonymous, 401, "authentication-required");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertProblem(shortlink.as(null, "DELETE", "/api/v1/aliases/" + freshAlias(), null), 401, "authentication-required");
    }

    @Test
    void reservesForThirtyDaysByDefaultAndTheSameOwnerAgainIsOk() throws Exception {
        String alias = freshAlias();
        HttpResponse<String> created = reserve("alice", alias, null);

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode reservation = json.readTree(created.body());
        assertThat(reservation.get("alias").asString()).isEqualTo(alias);
        assertThat(reservation.get("owner").asString()).isEqualTo("alice");
        assertThat(Instant.parse(reservation.get("reservedUntil").asString()))
                .isBetween(Instant.now().plus(Duration.ofDays(30)).minusSeconds(60), Instant.now().plus(Duration.ofDays(30)));

        Instant later = Instant.now().plus(Duration.ofDays(60)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        HttpResponse<String> again = reserve("alice", alias, "{\"reservedUntil\":\"" + later + "\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json.readTree(again.body()).get("reservedUntil").asString()).isEqualTo(later.toString());
    }

    @Test
    void whileReservedTheAliasIsNotFoundAndOnlyItsOwnerMayUseIt() throws Exception {
        String alias = freshAlias();
        assertThat(reserve("alice", alias, null).statusCode()).isEqualTo(201);

        assertProblem(reserve("bob", alias, null), 409, "alias-taken");
        assertThat(shortlink.get("/" + alias).statusCode()).isEqualTo(404);
        assertProblem(createLink("bob", alias), 409, "alias-taken");
        assertProblem(createLink(null, alias), 409, "alias-taken");

        assertThat(createLink("alice", alias).statusCode()).isEqualTo(201);
        HttpResponse<String> redirect = shortlink.getUntil("/" + alias, r -> r.statusCode() != 404, Duration.ofSeconds(1));
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).contains("https://example.com/" + alias);

        assertProblem(reserve("alice", alias, null), 409, "alias-taken");
        assertProblem(shortlink.as("alice", "DELETE", "/api/v1/aliases/" + alias, null), 404, "reservation-not-found");
    }

    @Test
    void anAliasThatIsALinkCannotBeReserved() throws Exception {
        String alias = freshAlias();
        assertThat(createLink(null, alias).statusCode()).isEqualTo(201);
        assertProblem(reserve("alice", alias, null), 409, "alias-taken");
    }

    @Test
    void onlyTheOwnerReleasesAndThenTheAliasIsFree() throws Exception {
        String alias = freshAlias();
        assertThat(reserve("alice", alias, null).statusCode()).isEqualTo(201);

        assertProblem(shortlink.as("bob", "DELETE", "/api/v1/aliases/" + alias, null), 404, "reservation-not-found");
        assertProblem(shortlink.as("bob", "DELETE", "/api/v1/aliases/" + freshAlias(), null), 404, "reservation-not-found");
        assertThat(shortlink.as("alice", "DELETE", "/api/v1/aliases/" + alias, null).statusCode()).isEqualTo(204);
        assertProblem(shortlink.as("alice", "DELETE", "/api/v1/aliases/" + alias, null), 404, "reservation-not-found");

        assertThat(createLink("bob", alias).statusCode()).isEqualTo(201);
    }

    @Test
    void refusesBadAliasesAndTimesInThePast() throws Exception {
        HttpResponse<String> rejected = reserve("alice", "api", "{\"reservedUntil\":\"2020-01-01T00:00:00Z\"}");
        assertProblem(rejected, 400, "validation-failed");
        assertThat(json.readTree(rejected.body()).get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactly("alias", "reservedUntil");
        assertProblem(reserve("alice", "x", null), 400, "validation-failed");
    }

    @Test
    void anUnusedReservationLapsesThroughItsDeadlineAndTheAliasBecomesFree() throws Exception {
        String alias = freshAlias();
        // alice's key first: the wait for the read side to know a new key must not use up the two seconds.
        shortlink.bearer("alice");
        Instant until = Instant.now().plusSeconds(2);
        assertThat(reserve("alice", alias, "{\"reservedUntil\":\"" + until + "\"}").statusCode()).isEqualTo(201);

        EventStore events = shortlink.application.getBean(EventStore.class);
        Instant patience = Instant.now().plusSeconds(15);
        while (events.readEvents(alias).asStream().noneMatch(e -> e.getPayload() instanceof AliasReservationLapsed)
                && Instant.now().isBefore(patience)) {
            Thread.sleep(100);
        }
        assertThat(events.readEvents(alias).asStream().map(e -> e.getPayload()))
                .last().isEqualTo(new AliasReservationLapsed(alias, "alice", until));

        assertThat(createLink(null, alias).statusCode()).isEqualTo(201);
    }
}
