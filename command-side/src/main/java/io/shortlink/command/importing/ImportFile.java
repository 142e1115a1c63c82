package io.shortlink.command.importing;

import io.shortlink.refusal.FieldViolation;
import io.shortlink.refusal.ValidationException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads an import file, a CSV whose first row names the columns, one row at a time (Jackson's streaming CSV parser):
 * memory stays the same whatever the file's size. The recognised column names, in any case, are those of our own
 * export and of the exports of YOURLS ({@code keyword,url,title,timestamp,ip,clicks}), Shlink
 * ({@code createdAt,shortUrl,longUrl,title,tags,visits}) and Bitly ({@code link,long_url,created_at,title,tags});
 * other columns are ignored.
 */
final class ImportFile {

    /** For each value, its column names in order of preference: the first one the header has is read. */
    static final List<String> URL_COLUMNS = List.of("url", "longurl", "long_url");
    static final List<String> CODE_COLUMNS = List.of("code", "keyword", "shortcode", "short_code", "shorturl", "link");
    static final List<String> CREATED_AT_COLUMNS = List.of("createdat", "created_at", "timestamp");
    static final List<String> TITLE_COLUMNS = List.of("title");
    static final List<String> TAGS_COLUMNS = List.of("tags");

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY)
            .enable(CsvReadFeature.TRIM_SPACES).build();
    /** {@code 2024-03-01 10:15:00} (YOURLS), also with a {@code T}, an offset ({@code +0000}, {@code +01:00}) or {@code Z}. */
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private ImportFile() {
    }

    /**
     * Hands each data row to {@code rows}, in file order. A header without a URL column, or a file that is not
     * CSV (an unclosed quote), is refused as a whole.
     */
    static void read(InputStream in, Consumer<ImportRow> rows) {
        try (MappingIterator<String[]> records = CSV.readerFor(String[].class).readValues(in)) {
            if (!records.hasNextValue()) {
                throw refused("the file is empty: its first row must name the columns");
            }
            Columns columns = Columns.of(records.nextValue());
            while (records.hasNextValue()) {
                long line = records.currentLocation().getLineNr();
                String[] record = records.nextValue();
                if (record.length == 1 && record[0].isEmpty()) {
                    continue;
                }
                rows.accept(columns.row(line, record));
            }
        } catch (JacksonIOException unreadable) {
            throw new UncheckedIOException(unreadable.getCause());
        } catch (JacksonException malformed) {
            throw refused("not a valid CSV file at line " + malformed.getLocation().getLineNr() + ": " + malformed.getOriginalMessage());
        }
    }

    /** Which position of a record holds each value, from the header. */
    private record Columns(int url, int code, int createdAt, int title, int tags) {

        static Columns of(String[] header) {
            List<String> names = Arrays.stream(header).map(name -> name.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT)).toList();
            int url = first(names, URL_COLUMNS);
            if (url < 0) {
                throw refused("the first row must name a URL column (url, longUrl or long_url); it names " + String.join(",", header));
            }
            return new Columns(url, first(names, CODE_COLUMNS), first(names, CREATED_AT_COLUMNS), first(names, TITLE_COLUMNS),
                    first(names, TAGS_COLUMNS));
        }

        private static int first(List<String> names, List<String> candidates) {
            return candidates.stream().mapToInt(names::indexOf).filter(index -> index >= 0).findFirst().orElse(-1);
        }

        ImportRow row(long line, String[] record) {
            return new ImportRow(line, value(record, url), codeOf(value(record, code)), value(record, createdAt),
                    value(record, title), value(record, tags));
        }

        private static String value(String[] record, int index) {
            return index < 0 || index >= record.length || record[index].isEmpty() ? null : record[index];
        }
    }

    /** A code as it is, or for a short URL ({@code https://bit.ly/abc}, {@code bit.ly/abc}) its last path segment. */
    static String codeOf(String value) {
        if (value == null || !value.contains("/")) {
            return value;
        }
        String path = value;
        try {
            URI uri = URI.create(value.contains("://") ? value : "http://" + value);
            path = uri.getRawPath() == null ? value : uri.getRawPath();
        } catch (IllegalArgumentException notAUri) {
            // the value as written: the code's rules will refuse it
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String segment = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return segment.isEmpty() ? null : segment;
    }

    /** ISO-8601 or {@code YYYY-MM-DD HH:MM:SS}; without an offset the time is UTC. */
    static Instant createdAt(String value) {
        try {
            var parsed = TIME.parseBest(value, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime withOffset ? withOffset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException unreadable) {
            throw ValidationException.of("createdAt", "must be ISO-8601 or YYYY-MM-DD HH:MM:SS (UTC), not '" + value + "'");
        }
    }

    /** Tags separated by {@code |} or {@code ,}, blanks dropped; the link's rules check each. */
    static List<String> tags(String value) {
        return value == null ? null : Arrays.stream(value.split("[|,]")).map(String::trim).filter(tag -> !tag.isEmpty()).toList();
    }

    private static ValidationException refused(String message) {
        return new ValidationException(List.of(new FieldViolation("file", message)));
    }
}
