package io.shortlink.query.security;

import io.shortlink.edge.security.ApiKeyAuthenticationFilter;
import io.shortlink.edge.security.ApiKeySecurity;
import io.shortlink.edge.security.ProblemSecurityHandlers;
import io.shortlink.query.apikey.ApiKeyView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may read what. The chain covers what the read side owns: GET and HEAD under {@code /api/}, and the replays.
 * It runs before the command side's chain, which takes the rest of {@code /api/**} when both share one application.
 * The redirect path ({@code GET /{code}}) is answered by a filter ahead of every chain and is never authenticated.
 */
@Configuration
@EnableWebSecurity
class QuerySecurity {

    /** Before the command side's chain (20). */
    static final int ORDER = 10;

    @Bean
    @Order(ORDER)
    SecurityFilterChain queryApi(HttpSecurity http, ApiKeyView keys, ProblemSecurityHandlers problems,
                                 @Value("${shortlink.security.admin-key:}") String adminKey) throws Exception {
        ApiKeyAuthenticationFilter authentication = new ApiKeyAuthenticationFilter(keys, adminKey, problems);
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        // A link's history is read from the event store by the command side, which authenticates it itself; so are
        // the imports, which the command side runs.
        RequestMatcher queryReads = new AndRequestMatcher(
                new OrRequestMatcher(paths.matcher(HttpMethod.GET, "/api/**"), paths.matcher(HttpMethod.HEAD, "/api/**")),
                new NegatedRequestMatcher(paths.matcher("/api/v1/links/*/history")),
                new NegatedRequestMatcher(paths.matcher("/api/v1/imports/**")));
        http.securityMatcher(new OrRequestMatcher(
                queryReads,
                paths.matcher("/api/v1/admin/replays/**"),
                paths.matcher("/api/v1/admin/replays")));
        return ApiKeySecurity.statelessApi(http, authentication, problems)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/links").authenticated()
                        .anyRequest().permitAll())
                .build();
    }
}
