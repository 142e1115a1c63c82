package io.shortlink.query.apikey;

import io.shortlink.edge.security.ApiKeyProjection;
import org.axonframework.config.ProcessingGroup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The read side's keys, learnt from the key events on Kafka like every other view: a key issued or revoked on the
 * command side takes effect here about as fast as a new link starts to redirect.
 */
@Component
@ProcessingGroup(ApiKeyView.PROCESSING_GROUP)
public class ApiKeyView extends ApiKeyProjection {

    public static final String PROCESSING_GROUP = "api-key-view";

    public ApiKeyView(JdbcTemplate jdbc) {
        super(jdbc, "api_key_view");
    }
}
