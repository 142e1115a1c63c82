package io.shortlink.query.redirect;

/**
 * A link with {@code forwardQuery} passes the query string of the request to the short URL on to its target: appended
 * to the target's own query, before its fragment ({@code https://e.com/p?x=1#f} and {@code a=b} give
 * {@code https://e.com/p?x=1&a=b#f}). The query is passed on as the client sent it, percent-encoding and all; a
 * character that may not stand in a URL (only a lenient server would have let it through) is percent-encoded, so
 * that the {@code Location} is always a valid URL and never splits a header.
 */
final class ForwardedQuery {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ForwardedQuery() {
    }

    static String append(String target, String queryString) {
        if (queryString == null || queryString.isEmpty()) {
            return target;
        }
        int fragment = target.indexOf('#');
        String beforeFragment = fragment < 0 ? target : target.substring(0, fragment);
        String fragmentPart = fragment < 0 ? "" : target.substring(fragment);
        int query = beforeFragment.indexOf('?');
        String separator = query < 0 ? "?" : query == beforeFragment.length() - 1 || beforeFragment.endsWith("&") ? "" : "&";
        return beforeFragment + separator + safe(queryString) + fragmentPart;
    }

    private static String safe(String query) {
        StringBuilder safe = null;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            boolean allowed = c > 0x20 && c < 0x7f && c != '#' && c != '"' && c != '<' && c != '>' && c != '\\'
                    && c != '^' && c != '`' && c != '{' && c != '|' && c != '}';
            if (!allowed && safe == null) {
                safe = new StringBuilder(query.length() + 16).append(query, 0, i);
            }
            if (safe != null) {
                if (allowed) {
                    safe.append(c);
                } else {
                    for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                        safe.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                    }
                }
            }
        }
        return safe == null ? query : safe.toString();
    }
}
