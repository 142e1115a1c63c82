package io.shortlink.edge.body;

import io.shortlink.edge.client.ClientAddresses;
import io.shortlink.edge.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.coyote.CloseNowException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code slotsPerClient} requests with a body in progress per client address. A request thread reading a
 * body waits for the client, so one client sending bodies slowly over hundreds of connections would otherwise hold
 * every thread of the server, and redirects would queue behind them. Over the limit: {@code 429} at once, before the
 * body is read, and the connection is closed right after it: otherwise Tomcat would read (swallow) the rest of the
 * body to keep the connection, which holds the thread all the same.
 */
public class UploadSlotsFilter extends OncePerRequestFilter {

    private final ClientAddresses clientAddresses;
    private final int slotsPerClient;
    private final ConcurrentMap<String, AtomicInteger> inProgress = new ConcurrentHashMap<>();

    public UploadSlotsFilter(ClientAddresses clientAddresses, int slotsPerClient) {
        this.clientAddresses = clientAddresses;
        this.slotsPerClient = slotsPerClient;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getContentLengthLong() <= 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = clientAddresses.of(request);
        AtomicInteger uploads = inProgress.compute(client, (address, count) -> {
            AtomicInteger counter = count == null ? new AtomicInteger() : count;
            counter.incrementAndGet();
            return counter;
        });
        try {
            if (uploads.get() > slotsPerClient) {
                response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                response.setHeader(HttpHeaders.CONNECTION, "close");
                Problems.write(response, Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-uploads",
                        "At most " + slotsPerClient + " requests with a body may be in progress per client"));
                response.flushBuffer();
                // Tomcat's error report valve then closes the connection at once instead of reading the body.
                throw new CloseNowException("Refused a body over the client's uploads in progress");
            }
            chain.doFilter(request, response);
        } finally {
            inProgress.computeIfPresent(client, (address, count) -> count.decrementAndGet() == 0 ? null : count);
        }
    }
}
