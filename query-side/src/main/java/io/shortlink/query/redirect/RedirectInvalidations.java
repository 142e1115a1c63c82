package io.shortlink.query.redirect;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.SubscriptionListener;

import java.nio.charset.StandardCharsets;

/**
 * Every query-side instance listens on {@link RedirectView#CHANGES_CHANNEL} and drops the codes the projection rewrote;
 * a new live generation (after a replay) drops everything and makes the view read the generation pointer again.
 * Announcements sent while the subscription was down are lost, so each (re)subscription does the same. Heartbeats
 * ({@link RedirectViewHeartbeat}) tell the cache how far what it has heard is complete: without them it keeps nothing.
 */
class RedirectInvalidations implements MessageListener, SubscriptionListener {

    private final RedirectCache cache;
    private final RedirectView view;

    RedirectInvalidations(RedirectCache cache, RedirectView view) {
        this.cache = cache;
        this.view = view;
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String code = new String(message.getBody(), StandardCharsets.UTF_8);
        if (code.charAt(0) == RedirectViewHeartbeat.PREFIX) {
            cache.heard(RedirectViewHeartbeat.watermarkOf(code));
        } else if (RedirectView.GENERATION_CHANGED.equals(code)) {
            forgetEverything();
        } else {
            cache.invalidate(code);
        }
    }

    @Override
    public void onChannelSubscribed(byte[] channel, long count) {
        forgetEverything();
    }

    private void forgetEverything() {
        view.forgetGeneration();
        cache.invalidateAll();
    }
}
