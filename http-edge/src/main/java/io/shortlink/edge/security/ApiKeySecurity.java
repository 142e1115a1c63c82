package io.shortlink.edge.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The shape both sides give their API's security filter chain: stateless, no cookies, sessions, logins or CSRF
 * tokens (API keys are sent explicitly with every request, so CSRF has nothing to ride on), every refusal as a problem.
 */
public final class ApiKeySecurity {

    private ApiKeySecurity() {
    }

    public static HttpSecurity statelessApi(HttpSecurity http, ApiKeyAuthenticationFilter authentication,
                                            ProblemSecurityHandlers problems) {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(refusals -> refusals.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(authentication, AnonymousAuthenticationFilter.class);
    }
}
