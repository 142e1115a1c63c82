package io.shortlink.query.redirect;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.SubscriptionListener;

import java.nio.charset.StandardCharsets;

/**
 * Every query-side instance listens on {@link RedirectView#CHANGES_CHANNEL} and drops the codes the projection rewrote.
 * Announcements sent while the subscription was down are lost, so each (re)subscription clears the whole cache, and
 * the cache only starts keeping entries once the first subscription stands.
 */
class RedirectInvalidations implements MessageListener, SubscriptionListener {

    private final RedirectCache cache;

    RedirectInvalidations(RedirectCache cache) {
        this.cache = cache;
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        cache.invalidate(new String(message.getBody(), StandardCharsets.UTF_8));
    }

    @Override
    public void onChannelSubscribed(byte[] channel, long count) {
        cache.invalidateAll();
        cache.listening();
    }
}
