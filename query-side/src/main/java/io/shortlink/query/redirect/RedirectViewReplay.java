package io.shortlink.query.redirect;

import io.shortlink.query.replay.ProjectionGeneration;
import io.shortlink.query.replay.ReplayableProjection;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Rebuilds the redirect view into generation n+1 of its keys. The switch is one write of the generation pointer and
 * one announcement; the replaced generation is deleted only after a grace period, so that a lookup that read the old
 * pointer just before the switch still finds its keys.
 */
@Component
class RedirectViewReplay implements ReplayableProjection {

    private static final Duration GRACE_BEFORE_DROP = Duration.ofSeconds(2);
    private static final int SCAN_BATCH = 1000;

    private final StringRedisTemplate redis;
    private final RedirectView liveView;

    RedirectViewReplay(StringRedisTemplate redis, RedirectView liveView) {
        this.redis = redis;
        this.liveView = liveView;
    }

    @Override
    public String name() {
        return RedirectViewProjection.PROCESSING_GROUP;
    }

    @Override
    public String processingGroup() {
        return RedirectViewProjection.PROCESSING_GROUP;
    }

    @Override
    public ProjectionGeneration newGeneration() {
        Long generation = redis.opsForValue().increment(RedirectView.LAST_GENERATION_KEY);
        return new Generation(Objects.requireNonNull(generation));
    }

    private final class Generation implements ProjectionGeneration {

        private final long generation;
        private final RedirectView view;
        private long replaced = -1;

        Generation(long generation) {
            this.generation = generation;
            this.view = liveView.ofGeneration(generation);
        }

        @Override
        public Object eventHandler() {
            return new RedirectViewProjection(view);
        }

        @Override
        public List<String> differencesFromLive(int limit) {
            view.flush();
            long live = liveView.liveGeneration();
            TreeSet<String> codes = new TreeSet<>(codes(live));
            codes.addAll(codes(generation));
            List<String> differences = new ArrayList<>();
            for (String code : codes) {
                Map<Object, Object> liveFields = redis.opsForHash().entries(RedirectView.keyPrefix(live) + code);
                Map<Object, Object> rebuiltFields = redis.opsForHash().entries(RedirectView.keyPrefix(generation) + code);
                if (!liveFields.equals(rebuiltFields)) {
                    differences.add("redirect-view " + code + ": live " + liveFields + ", rebuilt " + rebuiltFields);
                    if (differences.size() >= limit) {
                        break;
                    }
                }
            }
            return differences;
        }

        @Override
        public void makeLive() {
            view.flush();
            replaced = liveView.liveGeneration();
            redis.opsForValue().set(RedirectView.GENERATION_KEY, Long.toString(generation));
            liveView.forgetGeneration();
            redis.convertAndSend(RedirectView.CHANGES_CHANNEL, RedirectView.GENERATION_CHANGED);
        }

        @Override
        public void dropReplaced() {
            if (replaced < 0) {
                return;
            }
            try {
                Thread.sleep(GRACE_BEFORE_DROP.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            delete(replaced);
        }

        @Override
        public void discard() {
            delete(generation);
        }
    }

    private void delete(long generation) {
        List<String> batch = new ArrayList<>();
        for (String code : codes(generation)) {
            batch.add(RedirectView.keyPrefix(generation) + code);
            if (batch.size() == SCAN_BATCH) {
                redis.unlink(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            redis.unlink(batch);
        }
    }

    private List<String> codes(long generation) {
        List<String> codes = new ArrayList<>();
        ScanOptions keys = ScanOptions.scanOptions().match(RedirectView.keyPrefix(generation) + "*").count(SCAN_BATCH).build();
        try (Cursor<String> cursor = redis.scan(keys)) {
            cursor.forEachRemaining(key -> {
                String code = RedirectView.codeOf(key, generation);
                if (code != null) {
                    codes.add(code);
                }
            });
        }
        return codes;
    }
}
