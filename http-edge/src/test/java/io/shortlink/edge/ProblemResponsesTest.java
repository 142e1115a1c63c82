package io.shortlink.edge;

import io.shortlink.caller.AuthenticationRequiredException;
import io.shortlink.edge.problem.ProblemResponses;
import io.shortlink.edge.problem.StorageFailures;
import io.shortlink.refusal.FieldViolation;
import io.shortlink.refusal.Refusal;
import io.shortlink.refusal.ValidationException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ProblemResponsesTest {

    /** A database that does not answer. */
    private static final AbstractDataSource UNREACHABLE = new AbstractDataSource() {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("connection refused", "08001");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }
    };

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(new ProblemResponses(new StorageFailures(UNREACHABLE))).build();

    @RestController
    static class Failing {
        @GetMapping("/fail/{how}")
        String fail(@PathVariable String how) {
            throw switch (how) {
                case "invalid" -> new ValidationException(List.of(new FieldViolation("alias", "is a reserved word"),
                        new FieldViolation("url", "must be absolute")));
                case "later" -> new Refusal(Refusal.Reason.TOO_MANY, "rate-limited", "slow down") {
                    @Override
                    public Optional<Duration> retryAfter() {
                        return Optional.of(Duration.ofSeconds(42));
                    }
                };
                case "anonymous" -> new AuthenticationRequiredException();
                case "gone" -> new Refusal(Refusal.Reason.GONE, "link-gone", "The link was deleted");
                case "storage" -> new DataAccessResourceFailureException("no connection");
                default -> new IllegalStateException("secret internals");
            };
        }
    }

    @Test
    void aValidationFailureListsEveryField() throws Exception {
        mvc.perform(get("/fail/invalid")).andExpect(status().isBadRequest())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.type").value("https://shortlink.io/problems/validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("alias"))
                .andExpect(jsonPath("$.errors[1].message").value("must be absolute"));
    }

    @Test
    void eachReasonHasItsStatusAndItsHeaders() throws Exception {
        mvc.perform(get("/fail/later")).andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "42")).andExpect(jsonPath("$.code").value("rate-limited"));
        mvc.perform(get("/fail/anonymous")).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(jsonPath("$.code").value("authentication-required"));
        mvc.perform(get("/fail/gone")).andExpect(status().isGone()).andExpect(jsonPath("$.detail").value("The link was deleted"));
    }

    @Test
    void anUnreachableStoreIsATemporaryFailure() throws Exception {
        mvc.perform(get("/fail/storage")).andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5")).andExpect(jsonPath("$.code").value("storage-unavailable"));
    }

    @Test
    void anythingElseIsA500ThatTellsNoInternals() throws Exception {
        mvc.perform(get("/fail/bug")).andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.code").value("internal-error"))
                .andExpect(content().string(not(containsString("secret"))));
    }
}
