package io.shortlink.command.idempotency;

import io.shortlink.command.caller.ClientPseudonyms;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration
class IdempotencyConfiguration {

    /** After Spring Security's filter chain (order -100), so that the caller is known and refused callers claim nothing. */
    static final int ORDER = 0;

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyRecords records, ClientPseudonyms clients,
                                                                 PlatformTransactionManager transactionManager) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(new IdempotencyFilter(records, clients, transactionManager));
        registration.setOrder(ORDER);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
