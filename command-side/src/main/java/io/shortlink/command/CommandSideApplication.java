package io.shortlink.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Map;

/**
 * The write side: REST commands in, events out to the PostgreSQL event store and from there to Kafka.
 * Its configuration lives in {@code command-side.yml}, so that the launcher can combine it with the query side.
 */
@SpringBootApplication
public class CommandSideApplication {

    public static final String CONFIG_NAME = "command-side";

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication application = new SpringApplication(CommandSideApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME + ",application"));
        application.run(args);
    }
}
