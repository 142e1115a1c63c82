package io.shortlink.infra;

import io.shortlink.query.caller.Caller;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Test support until API keys exist: {@code Authorization: Bearer }{@value #KEY} makes an admin of the query side's caller. */
@Configuration
class TestAdminKey {

    static final String KEY = "test-admin-key";

    @Bean
    FilterRegistrationBean<Filter> testAdminKeyFilter() {
        Filter filter = (request, response, chain) -> {
            if (("Bearer " + KEY).equals(((HttpServletRequest) request).getHeader("Authorization"))) {
                request.setAttribute(Caller.REQUEST_ATTRIBUTE, new Caller(null, true));
            }
            chain.doFilter(request, response);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
