package io.shortlink.query.redirect;

import io.shortlink.query.kafka.ReadSideTopics;
import io.shortlink.query.replay.ProjectionGeneration;
import io.shortlink.query.replay.ReplayableProjection;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Rebuilds the redirect view into a new generation of its keys and compares the two generations key by key, inside
 * Redis. The switch is one write of the generation pointer and one announcement; the replaced generation
 * is deleted only after a grace period, so that a lookup that read the old pointer just before the switch still finds
 * its keys. Replaced generations waiting for their deletion are listed in Redis ({@value #REPLACED_KEY}, by the time
 * of their switch), so that a replay on another instance leaves them alone, and deletes them if their instance died
 * before it could.
 */
@Component
class RedirectViewReplay implements ReplayableProjection {

    private static final Duration GRACE_BEFORE_DROP = Duration.ofSeconds(2);
    private static final String REPLACED_KEY = "redirect-view:replaced";
    /** How long a replaced generation is left to the replay that replaced it; then it counts as left behind. */
    private static final Duration REPLACED_KEPT = GRACE_BEFORE_DROP.plusSeconds(60);
    private static final int SCAN_BATCH = 1000;

    private final StringRedisTemplate redis;
    private final RedirectKeys keys;
    private final RedirectView liveView;
    private final ReadSideTopics topics;

    RedirectViewReplay(StringRedisTemplate redis, RedirectKeys keys, RedirectView liveView, ReadSideTopics topics) {
        this.redis = redis;
        this.keys = keys;
        this.liveView = liveView;
        this.topics = topics;
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
    public List<String> topics() {
        return topics.linkEvents();
    }

    @Override
    public ProjectionGeneration newGeneration() {
        long generation = keys.newGeneration();
        deleteOrphans(generation);
        return new Generation(generation);
    }

    /**
     * Deletes the generations that are neither live, nor the new one, nor replaced and waiting out their grace: left
     * behind by a process that stopped during a replay, before it discarded its new generation or dropped the
     * replaced one.
     */
    private void deleteOrphans(long newGeneration) {
        double leftBehindBefore = redisTime() - REPLACED_KEPT.toMillis();
        redis.opsForZSet().removeRangeByScore(REPLACED_KEY, Double.NEGATIVE_INFINITY, leftBehindBefore);
        Set<Long> kept = new HashSet<>(List.of(-1L, keys.liveGeneration(), newGeneration));
        Set<String> waitingToBeDropped = redis.opsForZSet().range(REPLACED_KEY, 0, -1);
        if (waitingToBeDropped != null) {
            waitingToBeDropped.forEach(generation -> kept.add(Long.parseLong(generation)));
        }
        unlink(RedirectKeys.everyKey(), key -> !kept.contains(RedirectKeys.generationOf(key)));
    }

    private final class Generation implements ProjectionGeneration {

        private final long generation;
        private final RedirectWrites view;
        private long replaced = -1;

        Generation(long generation) {
            this.generation = generation;
            this.view = new RedirectGenerationWrites(redis, generation);
        }

        @Override
        public Object eventHandler() {
            return new RedirectViewProjection(view);
        }

        @Override
        public List<String> differencesFromLive(int limit) {
            long live = keys.liveGeneration();
            TreeSet<String> union = new TreeSet<>(codes(live));
            union.addAll(codes(generation));
            List<String> codes = new ArrayList<>(union);
            List<String> differences = new ArrayList<>();
            for (int from = 0; from < codes.size() && differences.size() < limit; from += SCAN_BATCH) {
                List<String> batch = differing(live, generation, codes.subList(from, Math.min(from + SCAN_BATCH, codes.size())));
                List<Object> liveHashes = hashes(live, batch);
                List<Object> rebuiltHashes = hashes(generation, batch);
                for (int i = 0; i < batch.size() && differences.size() < limit; i++) {
                    if (!liveHashes.get(i).equals(rebuiltHashes.get(i))) {
                        differences.add("redirect-view " + batch.get(i) + ": live " + liveHashes.get(i)
                                + ", rebuilt " + rebuiltHashes.get(i));
                    }
                }
            }
            return differences;
        }

        @Override
        public void makeLive() {
            replaced = keys.liveGeneration();
            redis.opsForZSet().add(REPLACED_KEY, Long.toString(replaced), redisTime());
            keys.makeLive(generation);
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
            try {
                delete(replaced);
            } finally {
                redis.opsForZSet().remove(REPLACED_KEY, Long.toString(replaced));
            }
        }

        @Override
        public void discard() {
            delete(generation);
        }
    }

    /** Milliseconds by Redis's clock, which all instances share. */
    private long redisTime() {
        return Objects.requireNonNull(redis.execute((RedisCallback<Long>) connection -> connection.serverCommands().time()));
    }

    private void delete(long generation) {
        unlink(RedirectKeys.prefix(generation) + "*", key -> RedirectKeys.codeOf(key, generation) != null);
    }

    /** Unlinks the keys matching {@code pattern} that {@code which} accepts, {@value #SCAN_BATCH} at a time as the scan finds them. */
    private void unlink(String pattern, Predicate<String> which) {
        List<String> batch = new ArrayList<>();
        try (Cursor<String> cursor = scan(pattern)) {
            cursor.forEachRemaining(key -> {
                if (which.test(key)) {
                    batch.add(key);
                }
                if (batch.size() == SCAN_BATCH) {
                    redis.unlink(batch);
                    batch.clear();
                }
            });
        }
        if (!batch.isEmpty()) {
            redis.unlink(batch);
        }
    }

    private Cursor<String> scan(String pattern) {
        return redis.scan(ScanOptions.scanOptions().match(pattern).count(SCAN_BATCH).build());
    }

    /**
     * Compares each code's hash in two generations inside Redis, field by field, and answers the codes whose hashes
     * differ (or exist in one generation only): a round trip per batch, instead of both hashes of every code.
     */
    private static final RedisScript<List> DIFFERING = RedisScript.of("""
            local differing = {}
            for i = 3, #ARGV do
              local live = redis.call('HGETALL', ARGV[1] .. ARGV[i])
              local rebuilt = redis.call('HGETALL', ARGV[2] .. ARGV[i])
              local same = #live == #rebuilt
              if same then
                local fields = {}
                for j = 1, #live, 2 do fields[live[j]] = live[j + 1] end
                for j = 1, #rebuilt, 2 do
                  if fields[rebuilt[j]] ~= rebuilt[j + 1] then same = false break end
                end
              end
              if not same then differing[#differing + 1] = ARGV[i] end
            end
            return differing""", List.class);

    @SuppressWarnings("unchecked")
    private List<String> differing(long live, long rebuilt, List<String> codes) {
        List<String> arguments = new ArrayList<>(codes.size() + 2);
        arguments.add(RedirectKeys.prefix(live));
        arguments.add(RedirectKeys.prefix(rebuilt));
        arguments.addAll(codes);
        return redis.execute(DIFFERING, List.of(), arguments.toArray());
    }

    /** The hashes of {@code codes} in {@code generation}, in their order, read in one pipeline. */
    private List<Object> hashes(long generation, List<String> codes) {
        String prefix = RedirectKeys.prefix(generation);
        return redis.executePipelined((RedisCallback<Object>) connection -> {
            codes.forEach(code -> connection.hashCommands().hGetAll((prefix + code).getBytes(StandardCharsets.UTF_8)));
            return null;
        });
    }

    private List<String> codes(long generation) {
        List<String> codes = new ArrayList<>();
        try (Cursor<String> cursor = scan(RedirectKeys.prefix(generation) + "*")) {
            cursor.forEachRemaining(key -> {
                String code = RedirectKeys.codeOf(key, generation);
                if (code != null) {
                    codes.add(code);
                }
            });
        }
        return codes;
    }
}
