package io.shortlink.edge.client;

import jakarta.servlet.http.HttpServletRequest;

import java.util.regex.Pattern;

/**
 * The client's IP address: the socket's peer, unless a header set by a trusted reverse proxy is configured. A client
 * can send any header, so none is trusted by default; with {@code X-Forwarded-For} the last entry counts, since it
 * is the one the trusted proxy appended.
 */
public class ClientAddresses {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final String trustedHeader;

    /** @param trustedHeader a header such as {@code X-Forwarded-For}, or empty to use the socket's address */
    public ClientAddresses(String trustedHeader) {
        this.trustedHeader = trustedHeader == null || trustedHeader.isBlank() ? null : trustedHeader.trim();
    }

    public String of(HttpServletRequest request) {
        if (trustedHeader != null) {
            String value = request.getHeader(trustedHeader);
            if (value != null) {
                String last = value.substring(value.lastIndexOf(',') + 1).trim();
                if (IP_LITERAL.matcher(last).matches()) {
                    return last;
                }
            }
        }
        return request.getRemoteAddr();
    }
}
