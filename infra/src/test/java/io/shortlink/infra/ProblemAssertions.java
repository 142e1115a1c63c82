package io.shortlink.infra;

import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

final class ProblemAssertions {

    private static final JsonMapper json = JsonMapper.builder().build();

    private ProblemAssertions() {
    }

    /** The response is {@code application/problem+json} with this status and this stable {@code code}. */
    static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo(code);
    }
}
