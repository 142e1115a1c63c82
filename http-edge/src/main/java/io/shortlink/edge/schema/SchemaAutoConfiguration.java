package io.shortlink.edge.schema;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.util.Map;

/**
 * Migrates the schema of each side found in {@code shortlink.migrations} (side name → location of its scripts) with a
 * history of its own. Each side's configuration names itself there; the combined application sees both.
 */
@AutoConfiguration(before = FlywayAutoConfiguration.class)
@ConditionalOnClass(Flyway.class)
public class SchemaAutoConfiguration {

    @Bean
    FlywayMigrationStrategy sideMigrations(Environment environment) {
        Map<String, String> locations = Binder.get(environment)
                .bind("shortlink.migrations", Bindable.mapOf(String.class, String.class))
                .orElseThrow(() -> new IllegalStateException("No side names its migrations in shortlink.migrations"));
        return new SideMigrations(locations);
    }
}
