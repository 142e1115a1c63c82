package io.shortlink.command.idempotency;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Steps of an idempotent request that commit on their own, before the request's response is stored: the items of a
 * bulk creation. Each completed step is recorded under the request's key in the step's own transaction, so that a
 * retry after the request failed half-way (its response never stored) finds the steps already done and answers
 * with their results instead of doing them twice. A request without an {@code Idempotency-Key} has no steps to keep.
 */
@Component
public class IdempotentSteps {

    static final String SCOPE = IdempotentSteps.class.getName() + ".scope";
    static final String KEY = IdempotentSteps.class.getName() + ".key";
    private static final String STEP_CONTENT_TYPE = "application/json";

    private final IdempotencyRecords records;

    IdempotentSteps(IdempotencyRecords records) {
        this.records = records;
    }

    /** The result of {@code step} of this request, when an earlier try of the request completed it. */
    public Optional<byte[]> resultOf(HttpServletRequest request, int step) {
        if (!(request.getAttribute(SCOPE) instanceof String scope)) {
            return Optional.empty();
        }
        return records.find(scope, stepKey(request, step))
                .flatMap(IdempotencyRecords.Existing::response)
                .map(IdempotencyRecords.StoredResponse::body);
    }

    /** Records the result of {@code step}; call it in the transaction that did the step. */
    public void record(HttpServletRequest request, int step, int status, byte[] result) {
        if (request.getAttribute(SCOPE) instanceof String scope) {
            String stepKey = stepKey(request, step);
            if (records.claim(scope, stepKey, stepKey.substring(stepKey.length() - 64))) {
                records.complete(scope, stepKey, new IdempotencyRecords.StoredResponse(status, STEP_CONTENT_TYPE, null, result));
            }
        }
    }

    /** Within the caller's scope, so that a client sending such a key itself could only confuse its own requests. */
    private static String stepKey(HttpServletRequest request, int step) {
        String key = (String) request.getAttribute(KEY);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "step:" + step + ":" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
