package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every metric the Grafana dashboard and the Prometheus alert rules use is one the service exposes. */
class MonitoringIT {

    private static final Path DASHBOARD = Path.of("observability/grafana-dashboard.json");
    private static final Path ALERTS = Path.of("observability/prometheus-alerts.yml");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    /** PromQL's own words, and {@code up}, which Prometheus records itself for every scrape. */
    private static final Set<String> NOT_METRICS = Set.of("sum", "max", "min", "avg", "count", "rate", "irate", "increase",
            "histogram_quantile", "by", "without", "and", "or", "unless", "on", "ignoring", "group_left", "group_right",
            "offset", "bool", "abs", "up");

    @Test
    void everyMetricOfTheDashboardAndTheAlertRulesIsExposed() throws Exception {
        RunningShortlink shortlink = RunningShortlink.shared();
        shortlink.createRedirectingLink("https://example.com/monitored"); // redirects, creations and clicks have happened
        Set<String> exposed = shortlink.get("/actuator/prometheus").body().lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toSet());

        Set<String> used = new TreeSet<>();
        for (String expression : expressions()) {
            used.addAll(metricsIn(expression));
        }

        assertThat(used).contains("shortlink_redirects_seconds_bucket", "eventProcessor_latency", "shortlink_readiness",
                "shortlink_clicks_dropped_total", "jvm_memory_used_bytes");
        assertThat(exposed).containsAll(used);
    }

    @Test
    void noApiRequestIsObservedFilterByFilter() throws Exception {
        RunningShortlink shortlink = RunningShortlink.shared();
        shortlink.createRedirectingLink("https://example.com/observed");

        assertThat(shortlink.get("/actuator/prometheus").body())
                .as("Spring Security's observation of each filter and authorization, a seventh of a creation's request CPU")
                .doesNotContain("spring_security_")
                .contains("http_server_requests_seconds_count");
    }

    private static List<String> expressions() throws Exception {
        List<String> expressions = new ArrayList<>();
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                expressions.add(target.get("expr").asString());
            }
        }
        Map<String, List<Map<String, List<Map<String, Object>>>>> rules = new Yaml().load(Files.readString(ALERTS));
        for (Map<String, List<Map<String, Object>>> group : rules.get("groups")) {
            for (Map<String, Object> rule : group.get("rules")) {
                expressions.add(rule.get("expr").toString());
            }
        }
        assertThat(expressions).hasSizeGreaterThan(10);
        return expressions;
    }

    /** The metric names of a PromQL expression: its identifiers without label matchers, ranges, groupings and functions. */
    static Set<String> metricsIn(String expression) {
        String bare = expression.replaceAll("\"[^\"]*\"", "").replaceAll("\\{[^}]*}", "").replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without)\\s*\\([^)]*\\)", "");
        Set<String> metrics = new TreeSet<>();
        Matcher identifiers = IDENTIFIER.matcher(bare);
        while (identifiers.find()) {
            if (!NOT_METRICS.contains(identifiers.group())) {
                metrics.add(identifiers.group());
            }
        }
        return metrics;
    }
}
