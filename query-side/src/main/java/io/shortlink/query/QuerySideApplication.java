package io.shortlink.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Map;

/**
 * The read side: learns only from the events on Kafka, keeps the redirect view in Redis, answers {@code GET /{code}}.
 * Its configuration lives in {@code query-side.yml}, so that the launcher can combine it with the command side.
 */
@SpringBootApplication
public class QuerySideApplication {

    public static final String CONFIG_NAME = "query-side";

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication application = new SpringApplication(QuerySideApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME + ",application"));
        application.run(args);
    }
}
