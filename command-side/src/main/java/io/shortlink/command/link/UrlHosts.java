package io.shortlink.command.link;

import com.ibm.icu.text.IDNA;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A URL's host as a browser reads it (the WHATWG URL standard's host parser): percent-decoded, mapped and converted
 * to ASCII by UTS #46 (ICU4J), so that every dot form ({@code 。 ． ｡}), full-width letter and upper case becomes the
 * name the browser will visit, and a host that ends in a number parsed as an IPv4 address in any of its number forms.
 * Unlike a browser, trailing dots are dropped ({@code evil.example..} is {@code evil.example}), empty labels and
 * underscores (STD3) are refused. Rules compare hosts only in this form, and links are stored with it.
 */
final class UrlHosts {

    private static final int MAX_HOST_LENGTH = 253;
    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.USE_STD3_RULES | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ
            | IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE);
    /** What the WHATWG parser does not check (CheckHyphens and VerifyDnsLength are off), or what is checked below. */
    private static final Set<IDNA.Error> IGNORED = EnumSet.of(IDNA.Error.HYPHEN_3_4, IDNA.Error.LEADING_HYPHEN,
            IDNA.Error.TRAILING_HYPHEN, IDNA.Error.EMPTY_LABEL, IDNA.Error.LABEL_TOO_LONG, IDNA.Error.DOMAIN_NAME_TOO_LONG);

    private UrlHosts() {
    }

    /**
     * The host in the form it is compared and stored: an ASCII name, an IPv4 address in dotted decimal, or an IPv6
     * literal in brackets as given (lower case).
     *
     * @throws IllegalArgumentException when a browser would refuse the host, or when it has empty labels
     */
    static String canonical(String host) {
        if (host.startsWith("[")) {
            if (!host.endsWith("]")) {
                throw new IllegalArgumentException("Unclosed IPv6 literal: " + host);
            }
            return host.toLowerCase(Locale.ROOT);
        }
        IDNA.Info info = new IDNA.Info();
        String ascii = UTS46.nameToASCII(percentDecoded(host), new StringBuilder(), info).toString();
        Set<IDNA.Error> errors = EnumSet.noneOf(IDNA.Error.class);
        errors.addAll(info.getErrors());
        errors.removeAll(IGNORED);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Not a host name: " + errors);
        }
        String name = withoutTrailingDots(ascii);
        if (name.isEmpty() || name.length() > MAX_HOST_LENGTH || name.startsWith(".") || name.contains("..")) {
            throw new IllegalArgumentException("Not a host name: " + host);
        }
        if (!endsInANumber(name)) {
            return name;
        }
        long ipv4 = Hosts.ipv4(name);
        if (ipv4 < 0) {
            throw new IllegalArgumentException("Not an IPv4 address: " + host);
        }
        return (ipv4 >>> 24) + "." + ((ipv4 >>> 16) & 0xff) + "." + ((ipv4 >>> 8) & 0xff) + "." + (ipv4 & 0xff);
    }

    private static String withoutTrailingDots(String name) {
        int end = name.length();
        while (end > 0 && name.charAt(end - 1) == '.') {
            end--;
        }
        return name.substring(0, end);
    }

    /** WHATWG's "ends in a number": the last label is decimal digits or a 0x hexadecimal number. */
    private static boolean endsInANumber(String name) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        if (!last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return true;
        }
        return last.startsWith("0x") && last.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /**
     * Browsers decode percent escapes in a host before anything else ({@code evil%2Eexample} is {@code evil.example});
     * a broken escape leaves a {@code %}, which no host may contain.
     */
    private static String percentDecoded(String host) {
        if (host.indexOf('%') < 0) {
            return host;
        }
        return URLDecoder.decode(host.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
