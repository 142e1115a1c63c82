package io.shortlink.query.redirect;

import io.shortlink.query.click.ClickRecorder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import java.time.Clock;

@Configuration
class RedirectConfiguration {

    @Bean
    FilterRegistrationBean<RedirectFilter> redirectFilter(RedirectView view, ClickRecorder clicks) {
        FilterRegistrationBean<RedirectFilter> registration = new FilterRegistrationBean<>(new RedirectFilter(view, clicks, Clock.systemUTC()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
