package io.shortlink.edge.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The guard against webhooks aimed at the service's own network (SSRF): a target whose host resolves to a loopback,
 * private, link-local, unique-local, unspecified, carrier-grade NAT or multicast address is refused, unless private
 * targets are allowed (local use and tests). The subscription checks it, and the delivery worker again right before
 * each attempt, since what a name resolves to can change.
 */
public final class WebhookTargets {

    private final boolean allowPrivate;

    public WebhookTargets(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why {@code url} may not be called now, or empty when it may. */
    public Optional<String> refusal(String url) {
        if (allowPrivate) {
            return Optional.empty();
        }
        String host = URI.create(url).getHost();
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        try {
            for (InetAddress address : InetAddress.getAllByName(name)) {
                if (isInternal(address)) {
                    return Optional.of(host + " resolves to " + address.getHostAddress()
                            + ", a private, loopback or link-local address");
                }
            }
            return Optional.empty();
        } catch (UnknownHostException unknown) {
            return Optional.of(host + " cannot be resolved");
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc; // fc00::/7, unique local
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second < 128) || first == 255; // 0/8, 100.64/10, broadcast
    }
}
