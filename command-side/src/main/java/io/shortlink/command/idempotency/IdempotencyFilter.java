package io.shortlink.command.idempotency;

import io.shortlink.command.caller.ClientPseudonyms;
import io.shortlink.edge.problem.ContentTooLargeException;
import io.shortlink.edge.problem.Problems;
import io.shortlink.edge.security.ApiKeyPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Idempotency-Key} on the write endpoints. The same key with the same request within 24 hours gets the first
 * response again (with {@code Idempotent-Replayed: true}) and changes nothing; the same key with another request is
 * {@code 422}. Keys are scoped to the caller (key owner, or an anonymous client by its address's pseudonym). Runs after authentication, so that a
 * refused caller claims nothing, and before the rate limit, so that a replay costs no creation.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 128;
    private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 25;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    /**
     * A request attribute naming the top-level JSON fields of the response that are secrets (a new API key): they are
     * sent once and left out of the stored response, so that a replay answers without them.
     */
    public static final String SECRET_FIELDS = IdempotencyFilter.class.getName() + ".secretFields";

    private final IdempotencyRecords records;
    private final ClientPseudonyms clients;
    private final TransactionTemplate transactions;

    public IdempotencyFilter(IdempotencyRecords records, ClientPseudonyms clients, PlatformTransactionManager transactionManager) {
        this.records = records;
        this.clients = clients;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITE_METHODS.contains(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            Problems.write(response, Problems.problem(HttpStatus.BAD_REQUEST, "invalid-idempotency-key",
                    "Idempotency-Key must have 1 to " + MAX_KEY_LENGTH + " characters"));
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (ContentTooLargeException tooLarge) {
            Problems.write(response, tooLarge.problem());
            return;
        }
        String scope = scopeOf(request);
        request.setAttribute(IdempotentSteps.SCOPE, scope);
        request.setAttribute(IdempotentSteps.KEY, key);
        String requestHash = fingerprint(request, body);
        Instant deadline = Instant.now().plus(WAIT_FOR_FIRST);
        try {
            while (true) {
                Optional<IdempotencyRecords.Existing> existing = records.find(scope, key);
                if (existing.isEmpty()) {
                    if (runFirst(new CachedBodyRequest(request, body), response, chain, scope, key, requestHash)) {
                        return;
                    }
                    continue;
                }
                if (!existing.get().requestHash().equals(requestHash)) {
                    Problems.write(response, Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                            "This Idempotency-Key was used for a different request within the last 24 hours"));
                    return;
                }
                if (existing.get().response().isPresent()) {
                    replay(existing.get().response().get(), response);
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    Problems.write(response, Problems.problem(HttpStatus.CONFLICT, "idempotency-key-in-use",
                            "A request with this Idempotency-Key is still being processed; retry later"));
                    return;
                }
                pause();
            }
        } catch (DataAccessException | TransactionException unavailable) {
            log.warn("Idempotency records unavailable: {}", unavailable.getMessage());
            response.reset();
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            Problems.write(response, Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable",
                    "The link store cannot be reached right now. Retry with the same Idempotency-Key: it is safe."));
        }
    }

    /**
     * Runs the request in one transaction with its claim of the key and its stored response, so that its changes and
     * its response are committed together or not at all: a retry after a failure (even a lost answer to the commit)
     * either replays the response or runs the request again, never both. A concurrent duplicate's claim waits for
     * this transaction. Answers false when another request claimed the key first.
     */
    private boolean runFirst(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String scope,
                             String key, String requestHash) throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean[] claimed = {false};
        boolean[] refused = {false};
        try {
            transactions.executeWithoutResult(transaction -> {
                if (!records.claim(scope, key, requestHash)) {
                    return;
                }
                claimed[0] = true;
                try {
                    chain.doFilter(request, captured);
                } catch (IOException | ServletException e) {
                    throw new HandlerFailure(e);
                }
                int status = captured.getStatus();
                if (status >= 500 || status == HttpStatus.TOO_MANY_REQUESTS.value()) {
                    transaction.setRollbackOnly(); // not worth replaying: a retry runs again
                } else if (transaction.isRollbackOnly()) {
                    transaction.setRollbackOnly(); // a refused command rolled back its part
                    refused[0] = true;
                } else {
                    records.complete(scope, key, storedResponse(request, captured, status));
                }
            });
        } catch (HandlerFailure failure) {
            if (failure.getCause() instanceof ServletException servlet) {
                throw servlet;
            }
            throw (IOException) failure.getCause();
        }
        if (!claimed[0]) {
            return false;
        }
        if (refused[0]) {
            // Nothing was changed: the refusal is stored on its own, to be replayed as refused.
            transactions.executeWithoutResult(transaction -> {
                if (records.claim(scope, key, requestHash)) {
                    records.complete(scope, key, storedResponse(request, captured, captured.getStatus()));
                }
            });
        }
        captured.copyBodyToResponse();
        return true;
    }

    private static IdempotencyRecords.StoredResponse storedResponse(HttpServletRequest request, ContentCachingResponseWrapper captured,
                                                                    int status) {
        return new IdempotencyRecords.StoredResponse(status, captured.getContentType(), captured.getHeader(HttpHeaders.LOCATION),
                withoutSecrets(request, captured.getContentAsByteArray()));
    }

    /** Carries a checked failure of the handler through the transaction callback. */
    private static final class HandlerFailure extends RuntimeException {
        HandlerFailure(Exception cause) {
            super(cause);
        }
    }

    private static void replay(IdempotencyRecords.StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        response.setHeader("Idempotent-Replayed", "true");
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        byte[] body = stored.body() == null ? new byte[0] : stored.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @SuppressWarnings("unchecked")
    private static byte[] withoutSecrets(HttpServletRequest request, byte[] body) {
        if (!(request.getAttribute(SECRET_FIELDS) instanceof Collection<?> secrets) || body.length == 0) {
            return body;
        }
        JsonNode json = JSON.readTree(body);
        if (json instanceof ObjectNode object) {
            object.remove((Collection<String>) secrets);
        }
        return JSON.writeValueAsBytes(json);
    }

    /** Key holders by owner; anonymous callers each by their client, so that one never gets another's response. */
    private String scopeOf(HttpServletRequest request) {
        return request.getAttribute(ApiKeyPrincipal.REQUEST_ATTRIBUTE) instanceof ApiKeyPrincipal principal
                ? "owner:" + principal.owner() : "anonymous:" + clients.of(request);
    }

    /** The request as far as idempotency is concerned: method, target and body. */
    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String target = request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n";
            sha256.update(target.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for the first request with this Idempotency-Key", e);
        }
    }

    /** The request with its body already read, so that the handler can read it again. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body is already read");
                }
            };
        }
    }
}
