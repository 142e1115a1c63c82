package io.shortlink.infra;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Test support until API keys exist: a request with {@code X-Test-Caller: alice} is alice's, {@code X-Test-Caller:
 * admin} is an admin's, on both sides, the way authentication will mark requests.
 */
@Configuration
class TestCallers {

    static final String HEADER = "X-Test-Caller";
    static final String ADMIN = "admin";

    @Bean
    FilterRegistrationBean<Filter> testCallerFilter() {
        Filter filter = (request, response, chain) -> {
            String name = ((HttpServletRequest) request).getHeader(HEADER);
            if (name != null) {
                boolean admin = ADMIN.equals(name);
                String owner = admin ? null : name;
                request.setAttribute(io.shortlink.command.caller.Caller.REQUEST_ATTRIBUTE, new io.shortlink.command.caller.Caller(owner, admin));
                request.setAttribute(io.shortlink.query.caller.Caller.REQUEST_ATTRIBUTE, new io.shortlink.query.caller.Caller(owner, admin));
            }
            chain.doFilter(request, response);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
