package io.shortlink.query.click;

import com.maxmind.db.CHMCache;
import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import com.maxmind.db.Reader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A client address's country from an offline IP-to-country database in MaxMind's MMDB format, read by MaxMind's own
 * reader; IPv4 and IPv6. The build ships one (the CC BY 4.0 data of ip-location-db's {@code geo-whois-asn-country},
 * see the README); a newer file of the same kind can be named by configuration. Nothing is downloaded at run time.
 * Private, loopback, link-local and unlisted addresses are {@code unknown}.
 */
public class ClientCountries implements AutoCloseable {

    /** Where the build puts the shipped database on the classpath. */
    static final String SHIPPED = "/geo/country.mmdb";
    /** Four dotted decimals (no shorter legacy forms such as 1.2.3), or an IPv6 literal. */
    private static final Pattern IP_LITERAL = Pattern.compile("([0-9]{1,3}\\.){3}[0-9]{1,3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final Reader reader;

    /** The record of an address in the database: a country as ISO 3166-1 alpha-2. */
    public record Country(@MaxMindDbParameter(name = "country_code") String countryCode) {
        @MaxMindDbConstructor
        public Country {
        }
    }

    private ClientCountries(Reader reader) {
        this.reader = reader;
    }

    /** @param file an MMDB file with a {@code country_code} per network; empty for the database the build ships */
    public static ClientCountries open(String file) {
        try {
            if (file == null || file.isBlank()) {
                try (InputStream shipped = ClientCountries.class.getResourceAsStream(SHIPPED)) {
                    if (shipped == null) {
                        throw new IllegalStateException("The build ships no country database at " + SHIPPED);
                    }
                    return new ClientCountries(new Reader(shipped, new CHMCache()));
                }
            }
            Path path = Path.of(file);
            if (!Files.isReadable(path)) {
                throw new IllegalStateException("The country database " + file + " cannot be read");
            }
            return new ClientCountries(new Reader(path.toFile(), new CHMCache()));
        } catch (IOException e) {
            throw new UncheckedIOException("The country database cannot be opened", e);
        }
    }

    /** The country of an IP literal ({@code null}, a host name or a malformed one is {@code unknown}). */
    public String of(String address) {
        if (address == null || !IP_LITERAL.matcher(address).matches()) {
            return ClickRecorder.UNKNOWN;
        }
        try {
            InetAddress ip = InetAddress.getByName(address);
            if (ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress() || ip.isAnyLocalAddress()
                    || ip.isMulticastAddress() || isUniqueLocal(ip)) {
                return ClickRecorder.UNKNOWN;
            }
            Country country = reader.get(ip, Country.class);
            return country == null || country.countryCode() == null || country.countryCode().length() != 2
                    ? ClickRecorder.UNKNOWN : country.countryCode().toUpperCase(Locale.ROOT);
        } catch (UnknownHostException | IllegalArgumentException malformed) {
            return ClickRecorder.UNKNOWN;
        } catch (IOException unreadable) {
            return ClickRecorder.UNKNOWN;
        }
    }

    /** IPv6 unique local addresses (fc00::/7), the IPv6 counterpart of private IPv4 networks. */
    private static boolean isUniqueLocal(InetAddress ip) {
        byte[] bytes = ip.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xFE) == 0xFC;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
