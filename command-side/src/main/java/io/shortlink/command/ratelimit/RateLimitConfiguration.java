package io.shortlink.command.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Creations and reservations (which take a name as surely as a creation) are counted when they reach their handler:
 * after authentication, and after idempotent replays.
 */
@Configuration
@EnableScheduling
class RateLimitConfiguration implements WebMvcConfigurer {

    private final CreationRateLimits limits;

    RateLimitConfiguration(CreationRateLimits limits) {
        this.limits = limits;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                // POST /api/v1/links and PUT /api/v1/aliases/{alias}: no other handler has these methods there.
                if ("POST".equals(request.getMethod()) || "PUT".equals(request.getMethod())) {
                    limits.consume(request);
                }
                return true;
            }
        }).addPathPatterns("/api/v1/links", "/api/v1/aliases/*");
    }
}
