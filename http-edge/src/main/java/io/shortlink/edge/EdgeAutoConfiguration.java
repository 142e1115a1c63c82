package io.shortlink.edge;

import io.shortlink.caller.Caller;
import io.shortlink.edge.body.AcceptHeaderFilter;
import io.shortlink.edge.openapi.OpenApiDocument;
import io.shortlink.edge.body.BodyLimitFilter;
import io.shortlink.edge.body.UploadSlotsFilter;
import io.shortlink.edge.caller.CallerArgumentResolver;
import io.shortlink.edge.client.ClientAddresses;
import io.shortlink.edge.problem.ProblemErrorController;
import io.shortlink.edge.problem.ProblemErrorReportValve;
import io.shortlink.edge.problem.ProblemResponses;
import io.shortlink.edge.problem.StorageFailures;
import io.shortlink.edge.security.ProblemSecurityHandlers;
import io.shortlink.edge.webhook.WebhookSecrets;
import io.shortlink.edge.webhook.WebhookTargets;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.catalina.core.StandardHost;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.util.unit.DataSize;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The HTTP edge both sides share. An auto-configuration rather than a scanned package, so that the combined
 * application (both sides in one context) gets each of these beans once.
 */
@AutoConfiguration(before = {WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@Import(OpenApiDocument.class)
public class EdgeAutoConfiguration {

    /** Ahead of everything but the redirect filter, which never reads a body. */
    public static final int BODY_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    /** Takes up to 1,000 links in one body, so it has a larger body limit of its own. */
    public static final String BULK_CREATION_PATH = "/api/v1/links/bulk";
    /** Takes a whole CSV file, up to 100 MB by default. */
    public static final String IMPORTS_PATH = "/api/v1/imports";

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    StorageFailures storageFailures(DataSource dataSource) {
        return new StorageFailures(dataSource);
    }

    @Bean
    ProblemResponses problemResponses(StorageFailures storageFailures) {
        return new ProblemResponses(storageFailures);
    }

    /** Controllers take the request's {@link Caller} as a parameter. */
    @Bean
    WebMvcConfigurer callerArguments() {
        // The caller comes from authentication, not from the request's parameters: the OpenAPI document leaves it out.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return tomcat -> tomcat.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    /** Both sides' (the command side shows a webhook's secret, the query side signs with it): one bean for both. */
    @Bean
    WebhookSecrets webhookSecrets(@Value("${shortlink.webhooks.secret:local-default-webhooks-secret}") String secret) {
        return new WebhookSecrets(secret);
    }

    @Bean
    WebhookTargets webhookTargets(@Value("${shortlink.webhooks.allow-private:false}") boolean allowPrivate) {
        return new WebhookTargets(allowPrivate);
    }

    /**
     * {@code shortlink.readiness}: 1 while the readiness group (the stores this instance needs) is UP, else 0, so that
     * an alert can tell an instance that answers but cannot serve. Evaluated when scraped.
     */
    @Bean
    MeterBinder readinessGauge(ObjectProvider<HealthEndpoint> health) {
        return meters -> Gauge.builder("shortlink.readiness", health, endpoint -> {
                    HealthDescriptor readiness = endpoint.getObject().healthForPath("readiness");
                    return readiness != null && Status.UP.equals(readiness.getStatus()) ? 1 : 0;
                }).description("1 while this instance is ready (its stores answer), else 0").register(meters);
    }

    /**
     * No observation (a timer, a long-task timer and their key values) of each filter of Spring Security's chains, nor
     * of each authentication and authorization: they were a seventh of the request threads' CPU per creation
     * (docs/benchmarks.md, "Creation throughput"). The dashboard and the alerts use none of them; each request is still
     * timed whole ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ProblemSecurityHandlers problemSecurityHandlers() {
        return new ProblemSecurityHandlers();
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(@Value("${shortlink.http.max-body-size:64KB}") DataSize maxBodySize,
                                                            @Value("${shortlink.http.max-bulk-body-size:2MB}") DataSize maxBulkBodySize,
                                                            @Value("${shortlink.http.max-import-body-size:100MB}") DataSize maxImportBodySize) {
        BodyLimitFilter filter = new BodyLimitFilter(maxBodySize.toBytes(),
                Map.of(BULK_CREATION_PATH, maxBulkBodySize.toBytes(), IMPORTS_PATH, maxImportBodySize.toBytes()));
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(BODY_LIMIT_ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** Ahead of the body limit: a client over its share of uploads is refused before any body is read. */
    @Bean
    FilterRegistrationBean<UploadSlotsFilter> uploadSlotsFilter(ClientAddresses clientAddresses,
                                                                @Value("${shortlink.http.uploads-per-client:64}") int uploadsPerClient) {
        FilterRegistrationBean<UploadSlotsFilter> registration = new FilterRegistrationBean<>(new UploadSlotsFilter(clientAddresses, uploadsPerClient));
        registration.setOrder(BODY_LIMIT_ORDER - 1);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * A body that stalls longer than this between two reads fails the request: with Tomcat's default (the connection
     * timeout, a minute) a byte every few seconds held a request thread for as long as the client liked.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> bodyReadTimeout(@Value("${shortlink.http.body-read-timeout:3s}") Duration timeout) {
        return tomcat -> tomcat.addConnectorCustomizers(connector -> {
            connector.setProperty("disableUploadTimeout", "false");
            connector.setProperty("connectionUploadTimeout", Long.toString(timeout.toMillis()));
        });
    }

    @Bean
    FilterRegistrationBean<AcceptHeaderFilter> acceptHeaderFilter() {
        FilterRegistrationBean<AcceptHeaderFilter> registration = new FilterRegistrationBean<>(new AcceptHeaderFilter());
        registration.setOrder(BODY_LIMIT_ORDER + 1);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    ClientAddresses clientAddresses(@Value("${shortlink.http.client-ip-header:}") String trustedHeader) {
        return new ClientAddresses(trustedHeader);
    }
}
