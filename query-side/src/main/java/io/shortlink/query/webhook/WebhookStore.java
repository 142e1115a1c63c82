package io.shortlink.query.webhook;

import io.shortlink.events.LinkStatus;
import io.shortlink.query.processing.BatchWrites;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The webhook tables in PostgreSQL: subscriptions, the owned links, and the deliveries with their state. Within a
 * processor's batch, new owned links are inserted together (before any other write of the batch, and at its commit at
 * the latest) and each owner's webhooks are read once: a creation costs no round trip of its own when its owner has
 * no webhook (docs/benchmarks.md, "Creation throughput").
 */
@Repository
class WebhookStore {

    private static final String BATCH = WebhookStore.class.getName() + ".batch";

    static final String RETRYING = "RETRYING";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RowMapper<Webhook> WEBHOOK = (row, n) -> new Webhook(row.getString("id"), row.getString("owner"),
            row.getString("url"), List.of((String[]) row.getArray("events").getArray()), row.getTimestamp("created_at").toInstant());
    private static final RowMapper<WebhookLink> LINK = (row, n) -> new WebhookLink(row.getString("code"), row.getString("owner"),
            row.getString("url"), row.getTimestamp("created_at").toInstant(), instant(row.getTimestamp("expires_at")),
            row.getInt("redirect_type"), LinkStatus.valueOf(row.getString("status")));
    private static final RowMapper<Delivery> DELIVERY = (row, n) -> new Delivery(row.getString("id"), row.getString("event"),
            row.getString("status"), row.getInt("attempts"), (Integer) row.getObject("last_status"), row.getString("last_error"),
            Optional.ofNullable(instant(row.getTimestamp("last_attempt_at"))).orElse(row.getTimestamp("created_at").toInstant()));

    private final JdbcTemplate jdbc;
    private final String baseUrl;

    WebhookStore(JdbcTemplate jdbc, @Value("${shortlink.base-url}") String baseUrl) {
        this.jdbc = jdbc;
        this.baseUrl = baseUrl;
    }

    record Webhook(String id, String owner, String url, List<String> events, Instant createdAt) {
    }

    /** One line of a webhook's delivery log; {@code at} is its last attempt, or when it was queued. */
    record Delivery(String id, String event, String status, int attempts, Integer lastStatus, String lastError, Instant at) {
    }

    void subscribe(String id, String owner, String url, List<String> events, Instant at) {
        beforeOtherWrites();
        batch().ifPresent(batch -> batch.webhooksByOwner.remove(owner));
        jdbc.update("insert into webhook (id, owner, url, events, created_at) values (?, ?, ?, ?::text[], ?) on conflict (id) do nothing",
                id, owner, url, "{" + String.join(",", events) + "}", Timestamp.from(at));
    }

    /** Deliveries still to be sent are given up: nothing more goes to a deleted webhook. */
    void unsubscribe(String id, Instant at) {
        beforeOtherWrites();
        batch().ifPresent(batch -> batch.webhooksByOwner.clear());
        jdbc.update("update webhook set deleted_at = ? where id = ? and deleted_at is null", Timestamp.from(at), id);
        jdbc.update("update webhook_delivery set status = ?, last_error = 'the webhook was deleted', lease_until = null"
                + " where webhook_id = ? and status = ?", FAILED, id, RETRYING);
    }

    /** Saves a new owned link; in a batch, with the batch's other new links. */
    void saveLink(WebhookLink link) {
        batch().ifPresentOrElse(batch -> batch.links.add(link), () -> insert(new ArrayList<>(List.of(link))));
    }

    /** False for a link without owner (never saved): nothing to deliver. */
    boolean changeTarget(String code, String url, Instant expiresAt, int redirectType) {
        beforeOtherWrites();
        return jdbc.update("update webhook_link set url = ?, expires_at = ?, redirect_type = ? where code = ?",
                url, timestamp(expiresAt), redirectType, code) == 1;
    }

    boolean changeStatus(String code, LinkStatus status) {
        beforeOtherWrites();
        return jdbc.update("update webhook_link set status = ? where code = ?", status.name(), code) == 1;
    }

    /**
     * One delivery of the change for each webhook of the link's owner that asked for {@code type}. The delivery id is
     * derived from the webhook and the event, so that the event handled twice queues nothing twice.
     */
    void enqueue(String code, String type, Instant changedAt, String eventId) {
        beforeOtherWrites();
        enqueue(jdbc.queryForObject("select * from webhook_link where code = ?", LINK, code), type, changedAt, eventId);
    }

    /** {@link #enqueue(String, String, Instant, String)} of a link as it stands now, without reading it. */
    void enqueue(WebhookLink link, String type, Instant changedAt, String eventId) {
        for (Webhook webhook : webhooksOf(link.owner())) {
            if (!webhook.events().contains(type)) {
                continue;
            }
            UUID id = UUID.nameUUIDFromBytes((webhook.id() + "|" + eventId).getBytes(StandardCharsets.UTF_8));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id.toString());
            body.put("type", type);
            body.put("createdAt", changedAt.toString());
            body.put("data", representation(link, changedAt));
            jdbc.update("insert into webhook_delivery (id, webhook_id, event, body, status, attempts, created_at, next_attempt_at)"
                            + " values (?, ?, ?, ?, ?, 0, ?, ?) on conflict (id) do nothing",
                    id, webhook.id(), type, JSON.writeValueAsBytes(body), RETRYING, Timestamp.from(changedAt), Timestamp.from(changedAt));
        }
    }

    /**
     * What a processor's batch has gathered: its new owned links not inserted yet, and the webhooks of the owners
     * seen (in the order of the events: a subscription in the batch drops what was read before it).
     */
    private static final class Batch {
        final List<WebhookLink> links = new ArrayList<>();
        final Map<String, List<Webhook>> webhooksByOwner = new HashMap<>();
    }

    /** The batch in progress, or empty outside a processor (then every write is made at once). */
    private Optional<Batch> batch() {
        return CurrentUnitOfWork.isStarted()
                ? Optional.of(BatchWrites.current(BATCH, Batch::new, batch -> insert(batch.links)))
                : Optional.empty();
    }

    /** The batch's new links go in before any other write, so that it finds them. */
    private void beforeOtherWrites() {
        batch().ifPresent(batch -> insert(batch.links));
    }

    private List<Webhook> webhooksOf(String owner) {
        return batch().map(batch -> batch.webhooksByOwner.computeIfAbsent(owner, this::readWebhooksOf))
                .orElseGet(() -> readWebhooksOf(owner));
    }

    private List<Webhook> readWebhooksOf(String owner) {
        return jdbc.query("select * from webhook where owner = ? and deleted_at is null", WEBHOOK, owner);
    }

    private void insert(List<WebhookLink> links) {
        if (links.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into webhook_link (code, owner, url, created_at, expires_at, redirect_type, status)"
                        + " values (?, ?, ?, ?, ?, ?, ?) on conflict (code) do nothing",
                links.stream().map(link -> new Object[]{link.code(), link.owner(), link.url(), Timestamp.from(link.createdAt()),
                        timestamp(link.expiresAt()), link.redirectType(), link.status().name()}).toList());
        links.clear();
    }

    /** The link as it stood at {@code changedAt}. */
    private Map<String, Object> representation(WebhookLink link, Instant changedAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("code", link.code());
        data.put("shortUrl", baseUrl + "/" + link.code());
        data.put("url", link.url());
        data.put("createdAt", link.createdAt().toString());
        data.put("expiresAt", link.expiresAt() == null ? null : link.expiresAt().toString());
        data.put("redirectType", link.redirectType());
        data.put("status", link.status().at(link.expiresAt(), changedAt).name());
        return data;
    }

    List<Webhook> ofOwner(String owner) {
        return jdbc.query("select * from webhook where owner = ? and deleted_at is null order by created_at desc", WEBHOOK, owner);
    }

    Optional<Webhook> find(String id) {
        return jdbc.query("select * from webhook where id = ? and deleted_at is null", WEBHOOK, id).stream().findFirst();
    }

    List<Delivery> deliveries(String webhookId, int limit) {
        return jdbc.query("select * from webhook_delivery where webhook_id = ? order by created_at desc, id limit ?",
                DELIVERY, webhookId, limit);
    }

    /** A delivery taken by a worker for one attempt. */
    record Claimed(UUID id, String webhookId, String url, byte[] body, int attempts, Instant createdAt) {
    }

    /**
     * Takes up to {@code limit} due deliveries for an attempt each, at most one per webhook and none of a webhook that
     * has one under way (here or on another instance): a slow receiver holds up only its own deliveries. The lease
     * lets another instance take the delivery over when this one dies during the attempt.
     */
    List<Claimed> claim(Instant now, Instant leaseUntil, int limit) {
        Timestamp at = Timestamp.from(now);
        List<Claimed> claimed = jdbc.query("""
                        with due as (
                            select d.id from webhook_delivery d
                            where d.status = 'RETRYING' and d.next_attempt_at <= ? and (d.lease_until is null or d.lease_until < ?)
                              and not exists (select 1 from webhook_delivery busy where busy.webhook_id = d.webhook_id
                                              and busy.status = 'RETRYING' and busy.lease_until >= ?)
                            order by d.next_attempt_at limit ? for update skip locked)
                        update webhook_delivery d set lease_until = ? from due, webhook w
                        where d.id = due.id and w.id = d.webhook_id
                        returning d.id, d.webhook_id, w.url, d.body, d.attempts, d.created_at""",
                (row, n) -> new Claimed(row.getObject("id", UUID.class), row.getString("webhook_id"), row.getString("url"),
                        row.getBytes("body"), row.getInt("attempts"), row.getTimestamp("created_at").toInstant()),
                at, at, at, limit, Timestamp.from(leaseUntil));
        Map<String, Claimed> onePerWebhook = new LinkedHashMap<>();
        for (Claimed delivery : claimed) {
            if (onePerWebhook.putIfAbsent(delivery.webhookId(), delivery) != null) {
                jdbc.update("update webhook_delivery set lease_until = null where id = ?", delivery.id());
            }
        }
        return List.copyOf(onePerWebhook.values());
    }

    void delivered(UUID id, int status, Instant at) {
        jdbc.update("update webhook_delivery set status = ?, attempts = attempts + 1, last_status = ?, last_error = null,"
                + " last_attempt_at = ?, lease_until = null where id = ? and status = ?", DELIVERED, status, Timestamp.from(at), id, RETRYING);
    }

    /** An attempt failed: tried again at {@code nextAttempt}, or FAILED when that is empty. */
    void attemptFailed(UUID id, Integer status, String error, Instant at, Optional<Instant> nextAttempt) {
        jdbc.update("update webhook_delivery set status = ?, attempts = attempts + 1, last_status = ?, last_error = ?,"
                        + " last_attempt_at = ?, next_attempt_at = coalesce(?, next_attempt_at), lease_until = null where id = ? and status = ?",
                nextAttempt.isPresent() ? RETRYING : FAILED, status, error, Timestamp.from(at),
                nextAttempt.map(Timestamp::from).orElse(null), id, RETRYING);
    }

    /** The retry window passed before the next attempt could run: FAILED, keeping what the last attempt got. */
    void giveUp(UUID id, String reason) {
        jdbc.update("update webhook_delivery set status = ?, last_error = coalesce(last_error, ?), lease_until = null"
                + " where id = ? and status = ?", FAILED, reason, id, RETRYING);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
