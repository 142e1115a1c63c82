package io.shortlink.query.ui;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.webjars.WebJarVersionLocator;

/**
 * The web UI's files, served by the read side from the jar: its own scripts and styles, and the chart library from
 * its webjar. Their names carry no hash, so browsers revalidate them (Last-Modified) rather than keep a stale copy.
 */
@Configuration
class WebUiConfiguration implements WebMvcConfigurer {

    static final String ASSETS = "classpath:/shortlink-ui/assets/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/app/assets/**")
                .addResourceLocations(ASSETS)
                .setCacheControl(CacheControl.noCache());
        String chartJs = new WebJarVersionLocator().version("chart.js");
        registry.addResourceHandler("/app/vendor/chart.js/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/chart.js/" + chartJs + "/dist/")
                .setCacheControl(CacheControl.noCache());
    }
}
