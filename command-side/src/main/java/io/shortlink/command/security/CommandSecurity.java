package io.shortlink.command.security;

import io.shortlink.command.apikey.ApiKeyRegistry;
import io.shortlink.edge.EdgeAutoConfiguration;
import io.shortlink.edge.security.ApiKeyAuthenticationFilter;
import io.shortlink.edge.security.ApiKeySecurity;
import io.shortlink.edge.security.ProblemSecurityHandlers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may send which command. The chain covers {@code /api/**} and runs after the query side's chain, which takes
 * the reads (GET, HEAD) and the replays when both sides share one application. The redirect path and the actuator
 * are outside every chain. Ownership of a link is the aggregate's business, not this chain's.
 */
@Configuration
@EnableWebSecurity
class CommandSecurity {

    /** After the query side's chain (10): it matches only what it owns, this one the rest of the API. */
    static final int ORDER = 20;

    @Bean
    @Order(ORDER)
    SecurityFilterChain commandApi(HttpSecurity http, ApiKeyRegistry keys, ProblemSecurityHandlers problems,
                                   @Value("${shortlink.security.admin-key:}") String adminKey,
                                   @Value("${shortlink.security.anonymous-links:true}") boolean anonymousLinks) throws Exception {
        ApiKeyAuthenticationFilter authentication = new ApiKeyAuthenticationFilter(keys, adminKey, problems);
        return ApiKeySecurity.statelessApi(http.securityMatcher("/api/**"), authentication, problems)
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/api/v1/admin/**").hasRole("ADMIN");
                    requests.requestMatchers("/api/v1/aliases/**").authenticated();
                    requests.requestMatchers(HttpMethod.POST, EdgeAutoConfiguration.BULK_CREATION_PATH).authenticated();
                    requests.requestMatchers(EdgeAutoConfiguration.IMPORTS_PATH, EdgeAutoConfiguration.IMPORTS_PATH + "/**").authenticated();
                    requests.requestMatchers(HttpMethod.PATCH, "/api/v1/links/**").authenticated();
                    requests.requestMatchers(HttpMethod.DELETE, "/api/v1/links/**").authenticated();
                    if (!anonymousLinks) {
                        requests.requestMatchers(HttpMethod.POST, "/api/v1/links").authenticated();
                    }
                    requests.anyRequest().permitAll();
                })
                .build();
    }
}
