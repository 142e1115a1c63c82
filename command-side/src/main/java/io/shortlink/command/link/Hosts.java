package io.shortlink.command.link;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Recognizes the loopback addresses in every spelling a browser accepts: {@code localhost} and its subdomains,
 * {@code [::1]}, and IPv4 127.0.0.0/8 as dotted, shortened, decimal, octal or hexadecimal numbers
 * ({@code 127.1}, {@code 2130706433}, {@code 0x7f.0.0.1}), parsed as the WHATWG URL standard does. No name is resolved.
 */
final class Hosts {

    static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "[0:0:0:0:0:0:0:1]", "0.0.0.0", "[::]");

    private Hosts() {
    }

    static boolean isLoopback(String host) {
        if (LOOPBACK_NAMES.contains(host) || host.endsWith(".localhost")) {
            return true;
        }
        if (host.startsWith("[")) {
            return isLoopbackIpv6(host);
        }
        long ipv4 = ipv4(host);
        return ipv4 == 0 || (ipv4 >>> 24) == 127;
    }

    /** A bracketed literal is parsed, never looked up: InetAddress refuses a bracketed string that is no IPv6 address. */
    private static boolean isLoopbackIpv6(String literal) {
        try {
            InetAddress address = InetAddress.getByName(literal);
            return address.isLoopbackAddress() || address.isAnyLocalAddress();
        } catch (UnknownHostException invalid) {
            return false;
        }
    }

    /** The IPv4 address a host of numbers stands for, or -1 when it is a name. */
    static long ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return -1;
        }
        long address = 0;
        for (int i = 0; i < parts.length; i++) {
            long part = number(parts[i]);
            boolean last = i == parts.length - 1;
            if (part < 0 || (!last && part > 255) || (last && part >= 1L << (8 * (5 - parts.length)))) {
                return -1;
            }
            address = last ? (address << (8 * (5 - parts.length))) | part : (address << 8) | part;
        }
        return address;
    }

    private static long number(String part) {
        try {
            if (part.startsWith("0x") || part.startsWith("0X")) {
                return part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return Long.parseLong(part.substring(1), 8);
            }
            return part.length() > 12 ? -1 : Long.parseLong(part);
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }
}
