package io.shortlink.infra;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One client trickling bodies over hundreds of connections must not starve the redirects. */
class SlowUploadsIT {

    private static final int SLOW_CONNECTIONS = 250;

    @Test
    void redirectsStayFastWhileOneClientSendsHundredsOfBodiesSlowly() throws Exception {
        RunningShortlink shortlink = RunningShortlink.shared();
        String code = shortlink.createRedirectingLink("https://example.com/slow-uploads");
        int port = URI.create(shortlink.baseUrl).getPort();
        byte[] head = ("POST /api/v1/links HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 50000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII);
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.getOutputStream().write(head);
                slow.add(socket);
            }
            awaitRefusals(slow, SLOW_CONNECTIONS / 2, Duration.ofSeconds(10));
            HttpRequest redirect = HttpRequest.newBuilder(URI.create(shortlink.baseUrl + "/" + code))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            Instant end = Instant.now().plusSeconds(6);
            int sent = 0;
            while (Instant.now().isBefore(end)) {
                trickle(slow);
                Instant started = Instant.now();
                try {
                    HttpResponse<String> answer = shortlink.http.send(redirect, HttpResponse.BodyHandlers.ofString());
                    assertThat(answer.statusCode()).isEqualTo(302);
                } catch (HttpTimeoutException starved) {
                    throw new AssertionError("redirect " + sent + " was not answered within 2 s", starved);
                }
                assertThat(Duration.between(started, Instant.now())).as("redirect " + sent).isLessThan(Duration.ofSeconds(1));
                sent++;
            }
            assertThat(sent).isGreaterThan(5);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /**
     * Waits until the server has answered (refused) {@code count} of the connections, so that the redirects below are
     * timed after the burst of refusals, not among them; without a limit per client none is ever answered.
     */
    private static void awaitRefusals(List<Socket> sockets, int count, Duration patience) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        long answered = 0;
        while (answered < count && Instant.now().isBefore(deadline)) {
            answered = 0;
            for (Socket socket : sockets) {
                answered += socket.isClosed() || socket.getInputStream().available() > 0 ? 1 : 0;
            }
            Thread.sleep(20); // the poll interval, not a wait for time to pass
        }
    }

    /** One more byte on every connection the server has not closed, as a slow client would send. */
    private static void trickle(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                socket.getOutputStream().write(' ');
            } catch (IOException closedByTheServer) {
                // refused or timed out: that connection holds nothing any more
            }
        }
    }
}
