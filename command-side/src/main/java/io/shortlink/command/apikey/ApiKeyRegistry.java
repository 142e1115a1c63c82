package io.shortlink.command.apikey;

import io.shortlink.edge.security.ApiKeyProjection;
import org.axonframework.config.ProcessingGroup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The command side's keys. A subscribing processor (see command-side.yml): the table changes in the transaction that
 * stores the event, so a key works, or stops working, the moment its 201/204 is sent.
 */
@Component
@ProcessingGroup(ApiKeyRegistry.PROCESSING_GROUP)
public class ApiKeyRegistry extends ApiKeyProjection {

    public static final String PROCESSING_GROUP = "api-key-registry";

    public ApiKeyRegistry(JdbcTemplate jdbc) {
        super(jdbc, "api_key");
    }
}
