package io.shortlink.infra.cli;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;

/** What the command lines print of a refusal: the problem's {@code detail}, or the body as it came. */
public final class ProblemDetail {

    private static final JsonMapper json = JsonMapper.builder().build();

    private ProblemDetail() {
    }

    public static String of(HttpResponse<String> response) {
        try {
            JsonNode problem = json.readTree(response.body());
            if (problem.hasNonNull("detail")) {
                return problem.get("detail").asString();
            }
        } catch (RuntimeException notJson) {
            // the body as it came
        }
        return response.body();
    }
}
