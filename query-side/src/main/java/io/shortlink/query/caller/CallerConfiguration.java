package io.shortlink.query.caller;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** Named apart from the command side's, which shares the context in the combined application. */
@Configuration("queryCallerConfiguration")
class CallerConfiguration implements WebMvcConfigurer {

    static {
        // The caller comes from authentication, not from the request's parameters: the OpenAPI document leaves it out.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }
}
