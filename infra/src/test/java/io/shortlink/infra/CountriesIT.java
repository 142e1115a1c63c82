package io.shortlink.infra;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Countries of clicks without a CDN header, from the database the build ships, on a system behind a trusted proxy
 * (the client address comes from X-Forwarded-For): the country header wins when present.
 */
class CountriesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";
    private static RunningShortlink shortlink;

    @BeforeAll
    static void start() throws Exception {
        shortlink = RunningShortlink.start(Files.createTempDirectory("shortlink-countries-it"), false,
                "shortlink.http.client-ip-header=X-Forwarded-For");
    }

    @AfterAll
    static void stop() {
        shortlink.close();
    }

    private static void click(String code, String address, String country) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(shortlink.baseUrl + "/" + code))
                .header("User-Agent", BROWSER).header("X-Forwarded-For", address).GET();
        if (country != null) {
            request.header("CF-IPCountry", country);
        }
        assertThat(shortlink.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(302);
    }

    @Test
    void theCountryComesFromTheHeaderElseFromTheAddress() throws Exception {
        String code = shortlink.createRedirectingLink("https://example.com/countries");
        click(code, "8.8.8.8", null);
        click(code, "2001:4860:4860::8888", null);
        click(code, "80.128.0.1", null);
        click(code, "10.1.2.3", null);
        click(code, "127.0.0.1", null);
        click(code, "8.8.8.8", "FR");

        // The first clicks of a fresh system wait for the user-agent analyzer, which builds in the background.
        JsonNode stats = JSON.readTree(shortlink.getUntil("/api/v1/links/" + code + "/stats",
                r -> r.body().contains("\"totalClicks\":6"), Duration.ofSeconds(90)).body());
        assertThat(stats.get("totalClicks").asLong()).as(stats.toString()).isEqualTo(6);
        Map<String, Long> countries = new HashMap<>();
        stats.get("countries").forEach(entry -> countries.put(entry.get("value").asString(), entry.get("clicks").asLong()));

        assertThat(countries).containsExactlyInAnyOrderEntriesOf(Map.of("US", 2L, "DE", 1L, "unknown", 2L, "FR", 1L));
    }
}
