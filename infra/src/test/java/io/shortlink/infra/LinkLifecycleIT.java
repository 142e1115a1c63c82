package io.shortlink.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.shortlink.infra.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** PATCH and DELETE /api/v1/links/{code}, expiry, and how each change reaches the redirect. */
class LinkLifecycleIT {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static RunningShortlink shortlink;

    @BeforeAll
    static void start() throws Exception {
        shortlink = RunningShortlink.shared();
    }

    /** Creates a link as {@code caller} and waits until it redirects (asking with HEAD, which is no click); answers its code. */
    private static String createdLink(String caller, String body) throws Exception {
        HttpResponse<String> created = shortlink.as(caller, "POST", "/api/v1/links", body);
        assertThat(created.statusCode()).isEqualTo(201);
        String code = json.readTree(created.body()).get("code").asString();
        assertThat(shortlink.headUntil("/" + code, r -> r.statusCode() != 404, Duration.ofSeconds(5)).statusCode()).isBetween(301, 308);
        return code;
    }

    private static HttpResponse<String> patch(String caller, String code, String body) throws Exception {
        String[] headers = caller == null
                ? new String[]{"Content-Type", "application/merge-patch+json"}
                : new String[]{"Content-Type", "application/merge-patch+json", "Authorization", shortlink.bearer(caller)};
        return shortlink.send("PATCH", "/api/v1/links/" + code, body, headers);
    }

    @Test
    void theOwnerChangesALinkAndTheRedirectFollowsWithinASecond() throws Exception {
        String code = createdLink("alice", "{\"url\":\"https://example.com/before\"}");
        Instant expiresAt = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);

        HttpResponse<String> changed = patch("alice", code,
                "{\"url\":\"https://example.com/after\",\"redirectType\":307,\"expiresAt\":\"" + expiresAt + "\"}");

        assertThat(changed.statusCode()).isEqualTo(200);
        JsonNode link = json.readTree(changed.body());
        assertThat(link.get("code").asString()).isEqualTo(code);
        assertThat(link.get("url").asString()).isEqualTo("https://example.com/after");
        assertThat(link.get("redirectType").asInt()).isEqualTo(307);
        assertThat(link.get("expiresAt").asString()).isEqualTo(expiresAt.toString());
        assertThat(link.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(link.get("shortUrl").asString()).endsWith("/" + code);

        HttpResponse<String> redirect = shortlink.getUntil("/" + code, r -> r.statusCode() == 307, ONE_SECOND);
        assertThat(redirect.statusCode()).isEqualTo(307);
        assertThat(redirect.headers().firstValue("Location")).contains("https://example.com/after");

        HttpResponse<String> cleared = shortlink.send("PATCH", "/api/v1/links/" + code, "{\"expiresAt\":null}",
                "Content-Type", "application/json", "Authorization", shortlink.bearer("alice"));
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(json.readTree(cleared.body()).get("expiresAt").isNull()).isTrue();
        assertThat(json.readTree(cleared.body()).get("url").asString()).isEqualTo("https://example.com/after");
    }

    @Test
    void onlyTheOwnerOrAnAdminMayChangeALinkAndAnonymousLinksNobody() throws Exception {
        String alices = createdLink("alice", "{\"url\":\"https://example.com/alices\"}");
        assertProblem(patch("bob", alices, "{\"redirectType\":301}"), 403, "forbidden");
        assertProblem(patch(null, alices, "{\"redirectType\":301}"), 401, "authentication-required");
        assertThat(patch(RunningShortlink.ADMIN, alices, "{\"redirectType\":301}").statusCode()).isEqualTo(200);

        String anonymous = createdLink(null, "{\"url\":\"https://example.com/anonymous\"}");
        assertProblem(patch(null, anonymous, "{\"redirectType\":301}"), 401, "authentication-required");
        assertProblem(patch(RunningShortlink.ADMIN, anonymous, "{\"redirectType\":301}"), 403, "forbidden");
        assertProblem(shortlink.as(RunningShortlink.ADMIN, "DELETE", "/api/v1/links/" + anonymous, null), 403, "forbidden");
    }

    @Test
    void changingAnUnknownLinkOrAReservedAliasIsNotFound() throws Exception {
        assertProblem(patch("alice", "NoSuchLink", "{\"redirectType\":301}"), 404, "link-not-found");
        assertProblem(shortlink.as("alice", "DELETE", "/api/v1/links/NoSuchLink", null), 404, "link-not-found");

        String alias = "reserved-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(shortlink.as("alice", "PUT", "/api/v1/aliases/" + alias, null).statusCode()).isEqualTo(201);
        assertProblem(patch("alice", alias, "{\"redirectType\":301}"), 404, "link-not-found");
    }

    @Test
    void aChangeFollowsTheCreationRules() throws Exception {
        String code = createdLink("alice", "{\"url\":\"https://example.com/rules\"}");

        HttpResponse<String> invalid = patch("alice", code,
                "{\"url\":\"javascript:alert(1)\",\"redirectType\":303,\"expiresAt\":\"2020-01-01T00:00:00Z\"}");
        assertProblem(invalid, 400, "validation-failed");
        assertThat(json.readTree(invalid.body()).get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactly("url", "redirectType", "expiresAt");

        HttpResponse<String> wrongTypes = patch("alice", code, "{\"url\":42,\"redirectType\":\"301\",\"expiresAt\":\"tomorrow\"}");
        assertProblem(wrongTypes, 400, "validation-failed");
        assertThat(json.readTree(wrongTypes.body()).get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("url", "expiresAt", "redirectType");

        assertProblem(patch("alice", code, "{\"url\":null}"), 400, "validation-failed");
        assertProblem(patch("alice", code, "[1,2]"), 400, "malformed-body");
        HttpResponse<String> plainText = shortlink.send("PATCH", "/api/v1/links/" + code, "url=x",
                "Content-Type", "text/plain", "Authorization", shortlink.bearer("alice"));
        assertThat(plainText.statusCode()).isEqualTo(415);
    }

    @Test
    void aDeletedLinkIsGoneForeverAndItsCodeIsNeverGivenOutAgain() throws Exception {
        String alias = "deleted-" + UUID.randomUUID().toString().substring(0, 8);
        String code = createdLink("alice", "{\"url\":\"https://example.com/deleted\",\"alias\":\"" + alias + "\"}");
        assertProblem(shortlink.as("bob", "DELETE", "/api/v1/links/" + code, null), 403, "forbidden");

        HttpResponse<String> deleted = shortlink.as("alice", "DELETE", "/api/v1/links/" + code, null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();

        assertThat(shortlink.getUntil("/" + code, r -> r.statusCode() == 410, ONE_SECOND).statusCode()).isEqualTo(410);
        assertProblem(patch("alice", code, "{\"redirectType\":301}"), 410, "link-gone");
        assertProblem(shortlink.as("alice", "DELETE", "/api/v1/links/" + code, null), 410, "link-gone");
        assertProblem(shortlink.as("alice", "POST", "/api/v1/links",
                "{\"url\":\"https://example.com/again\",\"alias\":\"" + alias + "\"}"), 409, "alias-taken");
        assertProblem(shortlink.as("alice", "PUT", "/api/v1/aliases/" + alias, null), 409, "alias-taken");

        HttpResponse<String> metadata = shortlink.getUntil("/api/v1/links/" + code,
                r -> r.body().contains("DELETED"), Duration.ofSeconds(5));
        assertThat(json.readTree(metadata.body()).get("status").asString()).isEqualTo("DELETED");
    }

    @Test
    void aLinkExpiresAtItsTimeAndAFutureExpiryReactivatesIt() throws Exception {
        // alice's key first: the wait for the read side to know a new key must not use up the three seconds.
        shortlink.bearer("alice");
        Instant expiresAt = Instant.now().plusSeconds(3);
        HttpResponse<String> created = shortlink.as("alice", "POST", "/api/v1/links",
                "{\"url\":\"https://example.com/expiring\",\"expiresAt\":\"" + expiresAt + "\"}");
        assertThat(json.readTree(created.body()).get("status").asString()).isEqualTo("ACTIVE");
        String code = json.readTree(created.body()).get("code").asString();

        HttpResponse<String> gone = shortlink.getUntil("/" + code, r -> r.statusCode() == 410, Duration.ofSeconds(10));
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(Instant.now()).isAfterOrEqualTo(expiresAt);
        HttpResponse<String> history = shortlink.getUntil("/api/v1/links/" + code + "/history",
                r -> r.body().contains("LinkExpired"), Duration.ofSeconds(10), "Authorization", shortlink.bearer("alice"));
        JsonNode expired = json.readTree(history.body()).get(1);
        assertThat(expired.get("type").asString()).isEqualTo("LinkExpired");
        assertThat(expired.get("by").asString()).isEqualTo("system");
        assertThat(shortlink.getUntil("/api/v1/links/" + code, r -> r.body().contains("EXPIRED"), ONE_SECOND).body())
                .contains("\"status\":\"EXPIRED\"");

        HttpResponse<String> reactivated = patch("alice", code, "{\"expiresAt\":\"" + Instant.now().plus(Duration.ofDays(1)) + "\"}");
        assertThat(reactivated.statusCode()).isEqualTo(200);
        assertThat(json.readTree(reactivated.body()).get("status").asString()).isEqualTo("ACTIVE");
        HttpResponse<String> redirect = shortlink.getUntil("/" + code, r -> r.statusCode() == 302, ONE_SECOND);
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(shortlink.getUntil("/api/v1/links/" + code, r -> r.body().contains("ACTIVE"), ONE_SECOND).body())
                .contains("\"status\":\"ACTIVE\"");
    }

    @Test
    void theHistoryListsTheLinksOwnEventsForItsOwnerOrAnAdmin() throws Exception {
        String alias = "history-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(shortlink.as("alice", "PUT", "/api/v1/aliases/" + alias, null).statusCode()).isEqualTo(201);
        String code = createdLink("alice", "{\"url\":\"https://example.com/v1\",\"alias\":\"" + alias + "\"}");
        assertThat(patch(RunningShortlink.ADMIN, code, "{\"url\":\"https://example.com/v2\"}").statusCode()).isEqualTo(200);
        assertThat(shortlink.as("alice", "DELETE", "/api/v1/links/" + code, null).statusCode()).isEqualTo(204);

        HttpResponse<String> response = shortlink.get("/api/v1/links/" + code + "/history", "Authorization", shortlink.bearer("alice"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode history = json.readTree(response.body());
        assertThat(history.valueStream().map(e -> e.get("type").asString()))
                .containsExactly("LinkCreated", "LinkChanged", "LinkDeleted");
        assertThat(history.valueStream().map(e -> e.get("by").asString())).containsExactly("alice", "admin", "alice");
        assertThat(history.get(1).get("data").get("url").asString()).isEqualTo("https://example.com/v2");
        Instant createdAt = Instant.parse(history.get(0).get("at").asString());
        assertThat(Instant.parse(history.get(2).get("at").asString())).isAfterOrEqualTo(createdAt);

        assertThat(shortlink.get("/api/v1/links/" + code + "/history", "Authorization", shortlink.bearer(RunningShortlink.ADMIN)).statusCode()).isEqualTo(200);
        assertProblem(shortlink.get("/api/v1/links/" + code + "/history", "Authorization", shortlink.bearer("bob")), 403, "forbidden");
        assertProblem(shortlink.get("/api/v1/links/" + code + "/history"), 403, "forbidden");
        assertProblem(shortlink.get("/api/v1/links/NoSuchLink/history", "Authorization", shortlink.bearer("alice")), 404, "link-not-found");
    }

    @Test
    void theMetadataOfALinkIsPublic() throws Exception {
        String code = createdLink(null, "{\"url\":\"https://example.com/meta\",\"redirectType\":308}");

        HttpResponse<String> response = shortlink.getUntil("/api/v1/links/" + code, r -> r.statusCode() == 200, ONE_SECOND);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode link = json.readTree(response.body());
        assertThat(link.get("code").asString()).isEqualTo(code);
        assertThat(link.get("shortUrl").asString()).endsWith("/" + code);
        assertThat(link.get("url").asString()).isEqualTo("https://example.com/meta");
        assertThat(link.get("redirectType").asInt()).isEqualTo(308);
        assertThat(link.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(link.get("expiresAt").isNull()).isTrue();
        assertThat(Instant.parse(link.get("createdAt").asString())).isBefore(Instant.now());
        assertThat(link.get("totalClicks").asLong()).isZero();

        assertProblem(shortlink.get("/api/v1/links/NoSuchLink", "Accept", "application/json"), 404, "link-not-found");
    }

    @Test
    void theCallersLinksNewestFirstPageByPageWithoutDeletedOnes() throws Exception {
        String owner = "lister-" + UUID.randomUUID().toString().substring(0, 8);
        String first = createdLink(owner, "{\"url\":\"https://example.com/1\"}");
        String second = createdLink(owner, "{\"url\":\"https://example.com/2\"}");
        String third = createdLink(owner, "{\"url\":\"https://example.com/3\"}");
        String deleted = createdLink(owner, "{\"url\":\"https://example.com/4\"}");
        createdLink("someone-else", "{\"url\":\"https://example.com/5\"}");
        assertThat(shortlink.as(owner, "DELETE", "/api/v1/links/" + deleted, null).statusCode()).isEqualTo(204);
        // The deletion is the owner's last event: once the catalog shows it, it holds all of them.
        HttpResponse<String> deletedLink = shortlink.getUntil("/api/v1/links/" + deleted,
                r -> r.body().contains("\"DELETED\""), Duration.ofSeconds(5));
        assertThat(json.readTree(deletedLink.body()).path("status").asString()).isEqualTo("DELETED");

        HttpResponse<String> firstPage = shortlink.get("/api/v1/links?page=0&size=2", "Authorization", shortlink.bearer(owner));
        JsonNode page = json.readTree(firstPage.body());
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(2);
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("items").valueStream().map(item -> item.get("code").asString())).containsExactly(third, second);

        JsonNode secondPage = json.readTree(shortlink.get("/api/v1/links?page=1&size=2", "Authorization", shortlink.bearer(owner)).body());
        assertThat(secondPage.get("items").valueStream().map(item -> item.get("code").asString())).containsExactly(first);
        JsonNode defaults = json.readTree(shortlink.get("/api/v1/links", "Authorization", shortlink.bearer(owner)).body());
        assertThat(defaults.get("size").asInt()).isEqualTo(20);
        assertThat(defaults.get("items").size()).isEqualTo(3);

        HttpResponse<String> anonymous = shortlink.get("/api/v1/links");
        assertProblem(anonymous, 401, "authentication-required");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        HttpResponse<String> badPaging = shortlink.get("/api/v1/links?page=-1&size=1000", "Authorization", shortlink.bearer(owner));
        assertProblem(badPaging, 400, "validation-failed");
        assertThat(json.readTree(badPaging.body()).get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactly("page", "size");
    }
}
