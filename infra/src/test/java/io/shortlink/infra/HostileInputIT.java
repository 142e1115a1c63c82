package io.shortlink.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several hundred malformed and hostile requests, sent as raw bytes to every endpoint of the contract: none may be
 * answered with a 5xx, and every error must be problem+json (except the redirect path's small HTML page for
 * browsers, which the contract asks for).
 */
class HostileInputIT {

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3})[^\\r\\n]*\\r\\n");
    private static final Pattern CODE_PATH = Pattern.compile("/[A-Za-z0-9_-]{1,64}");

    private static RunningShortlink shortlink;
    private static int port;

    /** One route of the contract; {@code {x}} marks where a hostile path piece goes. */
    private record Endpoint(String method, String path) {
    }

    private record Attack(String name, String method, String target, List<String> headers, byte[] body) {
    }

    private record Answer(int status, String head, String body) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/v1/links"),
            new Endpoint("GET", "/api/v1/links"),
            new Endpoint("GET", "/api/v1/links/x7Kp2Qa"),
            new Endpoint("PATCH", "/api/v1/links/x7Kp2Qa"),
            new Endpoint("DELETE", "/api/v1/links/x7Kp2Qa"),
            new Endpoint("GET", "/api/v1/links/x7Kp2Qa/stats"),
            new Endpoint("GET", "/api/v1/links/x7Kp2Qa/history"),
            new Endpoint("PUT", "/api/v1/aliases/my-launch"),
            new Endpoint("DELETE", "/api/v1/aliases/my-launch"),
            new Endpoint("POST", "/api/v1/admin/keys"),
            new Endpoint("DELETE", "/api/v1/admin/keys/key.00000000000000000000000000000000"),
            new Endpoint("POST", "/api/v1/admin/replays"),
            new Endpoint("GET", "/api/v1/admin/replays/some-id"),
            new Endpoint("GET", "/x7Kp2Qa"),
            new Endpoint("HEAD", "/x7Kp2Qa"),
            new Endpoint("GET", "/api/v1/links?tag=x"),
            new Endpoint("GET", "/api/v1/links?q=x"),
            new Endpoint("GET", "/robots.txt"));

    @BeforeAll
    static void start() throws Exception {
        shortlink = RunningShortlink.shared();
        port = URI.create(shortlink.baseUrl).getPort();
    }

    @Test
    void noHostileRequestIsAServerErrorAndEveryErrorIsAProblem() throws Exception {
        List<Attack> attacks = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            attacks.addAll(attacksOn(endpoint, List.of()));
            attacks.addAll(attacksOn(endpoint, List.of("Authorization: Bearer " + RunningShortlink.ADMIN_KEY)));
        }
        attacks.addAll(protocolAttacks());

        List<String> failures = new ArrayList<>();
        for (Attack attack : attacks) {
            Answer answer = send(attack);
            String failure = judge(attack, answer);
            if (failure != null) {
                failures.add(attack.name() + " " + attack.method() + " " + attack.target() + ": " + failure);
            }
        }
        assertThat(attacks).hasSizeGreaterThan(300);
        assertThat(failures).isEmpty();
    }

    @Test
    void anUnsupportedHttpVersionIsAClientErrorToo() throws Exception {
        Answer answer = send(new Attack("version", "GET", "/api/v1/links/x7Kp2Qa", List.of(), null), "GET /api/v1/links/x7Kp2Qa HTTP/9.9\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.head()).containsIgnoringCase("content-type: application/problem+json");
    }

    @Test
    void theOwnerMayAskForTheHeadOfAHistory() throws Exception {
        String bearer = shortlink.bearer("hostile-owner");
        HttpResponse<String> created = shortlink.post("/api/v1/links", "{\"url\":\"https://example.com/head\"}", "Authorization", bearer);
        String code = created.body().replaceAll(".*\"code\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> head = shortlink.http.send(HttpRequest.newBuilder(URI.create(shortlink.baseUrl + "/api/v1/links/" + code + "/history"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
    }

    @Test
    void noSpellingOfTheServiceItselfIsAcceptedAsATarget() throws Exception {
        for (String url : List.of("http://localhost..:" + port + "/loop1", "http://2130706433\u3002:" + port + "/x",
                "http://localhost\uff0e:" + port + "/x", "http://127.0.0.1\uff61.:" + port + "/x")) {
            HttpResponse<String> created = shortlink.post("/api/v1/links", "{\"url\":\"" + url + "\"}");
            assertThat(created.statusCode()).as(url).isEqualTo(400);
        }
    }

    @Test
    void everyAcceptedUrlRedirectsEvenAtTheMaximumLength() throws Exception {
        String url = "https://example.com/" + "a".repeat(8_192 - "https://example.com/".length());
        String code = shortlink.createRedirectingLink(url);
        HttpResponse<String> redirect = shortlink.get("/" + code);
        assertThat(redirect.headers().firstValue("Location")).contains(url);

        HttpResponse<String> encodedTooLong = shortlink.post("/api/v1/links", "{\"url\":\"https://example.com/" + "\u00fc".repeat(2_000) + "\"}");
        assertThat(encodedTooLong.statusCode()).isEqualTo(400);
    }

    private static String judge(Attack attack, Answer answer) {
        if (answer.status() == 0) {
            return "no answer";
        }
        if (answer.status() >= 500) {
            return "status " + answer.status() + " " + answer.body();
        }
        if (answer.status() < 400) {
            return null;
        }
        String type = header(answer.head(), "content-type");
        boolean redirectPage = isRedirectPath(attack) && (answer.status() == 404 || answer.status() == 410);
        if (redirectPage && type != null && type.startsWith("text/html")) {
            return null;
        }
        if (type == null || !type.startsWith("application/problem+json")) {
            return "status " + answer.status() + " with content type " + type;
        }
        if (!"HEAD".equals(attack.method()) && !answer.body().contains("\"code\"")) {
            return "problem without code: " + answer.body();
        }
        if (answer.body().contains("Exception") || answer.body().contains("\tat ")) {
            return "leaks internals: " + answer.body();
        }
        return null;
    }

    private static boolean isRedirectPath(Attack attack) {
        String path = attack.target().split("\\?", 2)[0];
        return ("GET".equals(attack.method()) || "HEAD".equals(attack.method())) && CODE_PATH.matcher(path).matches();
    }

    private static List<Attack> attacksOn(Endpoint endpoint, List<String> auth) {
        String method = endpoint.method();
        String path = endpoint.path();
        Random random = new Random(path.hashCode() * 31L + method.hashCode() + auth.size());
        byte[] garbage = new byte[512];
        random.nextBytes(garbage);
        List<Attack> attacks = new ArrayList<>();
        String json = "Content-Type: application/json";
        attacks.add(attack("garbage body", method, path, auth, json, garbage));
        attacks.add(attack("text garbage", method, path, auth, json, bytes("}{][,:\"\\u00zz")));
        attacks.add(attack("invalid utf-8", method, path, auth, json, concat(bytes("{\"url\":\"https://example.com/"), new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, bytes("\"}"))));
        attacks.add(attack("deep nesting", method, path, auth, json, bytes("{\"url\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}")));
        attacks.add(attack("deep objects", method, path, auth, json, bytes("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000))));
        attacks.add(attack("wrong types", method, path, auth, json, bytes("{\"url\":[1,2],\"alias\":{\"a\":1},\"redirectType\":\"x\",\"expiresAt\":true,\"owner\":[],\"rateLimitPerHour\":\"many\",\"projection\":7,\"reservedUntil\":{}}")));
        attacks.add(attack("array body", method, path, auth, json, bytes("[\"https://example.com\"]")));
        attacks.add(attack("scalar body", method, path, auth, json, bytes("\"https://example.com\"")));
        attacks.add(attack("null body", method, path, auth, json, bytes("null")));
        attacks.add(attack("empty body", method, path, auth, json, new byte[0]));
        attacks.add(attack("huge number", method, path, auth, json, bytes("{\"url\":\"https://example.com\",\"redirectType\":1e999999999,\"rateLimitPerHour\":99999999999999999999999}")));
        attacks.add(attack("NaN", method, path, auth, json, bytes("{\"redirectType\":NaN,\"rateLimitPerHour\":-Infinity}")));
        attacks.add(attack("far dates", method, path, auth, json, bytes("{\"url\":\"https://example.com\",\"expiresAt\":\"+999999999-12-31T23:59:59Z\",\"reservedUntil\":\"-999999999-01-01T00:00:00Z\"}")));
        attacks.add(attack("duplicate keys", method, path, auth, json, bytes("{\"url\":\"https://a.example\",\"url\":\"javascript:x\"}")));
        attacks.add(attack("hostile url", method, path, auth, json, bytes("{\"url\":\"https://example.com/\\r\\nSet-Cookie: a=b\",\"alias\":\"../../etc\",\"owner\":\"<script>\"}")));
        attacks.add(attack("new fields of wrong types", method, path, auth, json, bytes("{\"url\":\"https://example.com\",\"maxVisits\":\"ten\",\"forwardQuery\":\"yes\",\"tags\":\"a,b\",\"title\":[1]}")));
        attacks.add(attack("new fields out of range", method, path, auth, json, bytes("{\"url\":\"https://example.com\",\"maxVisits\":99999999999,\"tags\":[" + "\"t\",".repeat(5_000) + "\"t\"],\"title\":\"" + "x".repeat(5_000) + "\"}")));
        attacks.add(attack("new fields hostile", method, path, auth, json, bytes("{\"url\":\"https://example.com\",\"maxVisits\":-1.5,\"tags\":[null,\"../x\",\"\\u0000\",{}],\"title\":\"a\\r\\nb\\u0000<script>\"}")));
        attacks.add(attack("nul in alias", method, path, auth, json, bytes("{\"url\":\"https://example.com\",\"alias\":\"a\\u0000b\"}")));
        attacks.add(attack("port too big", method, path, auth, json, bytes("{\"url\":\"https://example.com:99999/x\"}")));
        attacks.add(attack("port zero", method, path, auth, json, bytes("{\"url\":\"https://example.com:0/x\"}")));
        attacks.add(attack("long strings", method, path, auth, json, bytes("{\"url\":\"https://example.com/" + "a".repeat(9_000) + "\",\"alias\":\"" + "b".repeat(5_000) + "\",\"owner\":\"" + "c".repeat(5_000) + "\"}")));
        attacks.add(attack("xml", method, path, auth, "Content-Type: application/xml", bytes("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>")));
        attacks.add(attack("form", method, path, auth, "Content-Type: application/x-www-form-urlencoded", bytes("url=https%3A%2F%2Fexample.com")));
        attacks.add(attack("odd charset", method, path, auth, "Content-Type: application/json; charset=klingon", bytes("{\"url\":\"https://example.com\"}")));
        attacks.add(attack("utf-16", method, path, auth, "Content-Type: application/json; charset=UTF-16", "{\"url\":\"https://example.com\"}".getBytes(StandardCharsets.UTF_16)));
        attacks.add(attack("bad media type", method, path, auth, "Content-Type: ;;;/==", bytes("{}")));
        attacks.add(attack("bad accept", method, path, with(auth, "Accept: nonsense/;q=x"), json, bytes("{}")));
        attacks.add(attack("traversal", method, path + "/../../../../etc/passwd", auth, null, null));
        attacks.add(attack("encoded traversal", method, path + "/%2e%2e/%2e%2e/etc/passwd", auth, null, null));
        attacks.add(attack("encoded slash", method, path + "%2F..%2Fadmin", auth, null, null));
        attacks.add(attack("backslash", method, path + "%5C..%5Cadmin", auth, null, null));
        attacks.add(attack("semicolon", method, path + ";jsessionid=x/..;/admin", auth, null, null));
        attacks.add(attack("null byte", method, path + "%00.json", auth, null, null));
        attacks.add(attack("overlong utf-8", method, path + "%c0%ae%c0%ae%c0%af", auth, null, null));
        attacks.add(attack("broken escape", method, path + "%", auth, null, null));
        attacks.add(attack("raw unicode", method, path + "/\u00fc\u4e2d", auth, null, null));
        attacks.add(attack("query garbage", method, path + "?page=-1&size=99999999999&from=yesterday&to=%ZZ&x[]=1&&==", auth, null, null));
        attacks.add(attack("long path", method, path + "/" + "a".repeat(6_000), auth, null, null));
        attacks.add(attack("huge header", method, path, with(auth, "X-Filler: " + "x".repeat(20_000)), json, bytes("{}")));
        attacks.add(attack("many headers", method, path, with(auth, manyHeaders(150)), json, bytes("{}")));
        attacks.add(attack("bare CR in value", method, path, with(auth, "X-Api-Key: abc\rSet-Cookie: x=y"), json, bytes("{}")));
        attacks.add(attack("control chars in key", method, path, with(auth, "X-Api-Key: \u0001\u0002\u007f"), json, bytes("{}")));
        attacks.add(attack("unicode bearer", method, path, List.of("Authorization: Bearer \u00e9\u00e8\u00ff"), json, bytes("{}")));
        attacks.add(attack("long key", method, path, List.of("X-Api-Key: " + "k".repeat(5_000)), json, bytes("{}")));
        attacks.add(attack("basic auth", method, path, List.of("Authorization: Basic Og=="), json, bytes("{}")));
        attacks.add(attack("long idempotency key", method, path, with(auth, "Idempotency-Key: " + "i".repeat(200)), json, bytes("{}")));
        attacks.add(attack("empty idempotency key", method, path, with(auth, "Idempotency-Key: "), json, bytes("{}")));
        attacks.add(attack("forwarded garbage", method, path, with(auth, "X-Forwarded-For: ', DROP TABLE, ::::::, 999.999.1.1"), json, bytes("{}")));
        attacks.add(attack("bad content length", method, path, with(auth, "Content-Length: -5"), json, null));
        attacks.add(attack("bad chunk", method, path, with(auth, "Transfer-Encoding: chunked"), json, bytes("zz\r\n{}\r\n0\r\n\r\n")));
        return attacks;
    }

    private static List<Attack> protocolAttacks() {
        List<Attack> attacks = new ArrayList<>();
        for (String method : List.of("FOO", "TRACE", "CONNECT", "PROPFIND", "G E T", "OPTIONS")) {
            attacks.add(new Attack("method " + method, method, "/api/v1/links", List.of(), null));
        }
        for (String method : List.of("GET", "POST", "HEAD")) {
            attacks.add(new Attack("error page asked for", method, "/error", List.of(), null));
        }
        return attacks;
    }

    private static Attack attack(String name, String method, String target, List<String> headers, String contentType, byte[] body) {
        List<String> all = new ArrayList<>(headers);
        if (contentType != null) {
            all.add(contentType);
        }
        return new Attack(name, method, target, all, body);
    }

    private static Answer send(Attack attack) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write((attack.method() + " " + attack.target() + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n")
                .getBytes(StandardCharsets.UTF_8));
        boolean declaresLength = false;
        for (String header : attack.headers()) {
            request.write((header + "\r\n").getBytes(StandardCharsets.UTF_8));
            String lower = header.toLowerCase(Locale.ROOT);
            declaresLength |= lower.startsWith("content-length:") || lower.startsWith("transfer-encoding:");
        }
        if (attack.body() != null && !declaresLength) {
            request.write(("Content-Length: " + attack.body().length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        request.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        if (attack.body() != null) {
            request.write(attack.body());
        }
        return send(attack, request.toByteArray());
    }

    private static Answer send(Attack attack, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (SocketException closedEarly) {
                // The server may answer and close before reading everything: read what it said.
            }
            InputStream in = socket.getInputStream();
            String response = new String(readAll(in), StandardCharsets.ISO_8859_1);
            Matcher status = STATUS_LINE.matcher(response);
            if (!status.lookingAt()) {
                return new Answer(0, response, "");
            }
            int headEnd = response.indexOf("\r\n\r\n");
            String head = headEnd < 0 ? response : response.substring(0, headEnd);
            String body = headEnd < 0 ? "" : response.substring(headEnd + 4);
            return new Answer(Integer.parseInt(status.group(1)), head, body);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // A reset after the answer (Tomcat closing on an unread body) still leaves the answer read so far.
        }
        return bytes.toByteArray();
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static List<String> with(List<String> auth, String header) {
        List<String> headers = new ArrayList<>(auth);
        headers.add(header);
        return headers;
    }

    private static String manyHeaders(int count) {
        StringBuilder headers = new StringBuilder("X-H0: 0");
        for (int i = 1; i < count; i++) {
            headers.append("\r\nX-H").append(i).append(": ").append(i);
        }
        return headers.toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }
}
