package io.shortlink.command.importing;

import io.shortlink.refusal.ValidationException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportFileTest {

    @Test
    void readsAYourlsExport() {
        List<ImportRow> rows = read("""
                keyword,url,title,timestamp,ip,clicks
                ozh,http://ozh.org/,Ozh's blog,2023-04-01 10:15:00,127.0.0.1,12
                yourls,"https://yourls.org/?a=1,2","YOURLS, the shortener",2023-04-02 08:00:01,::1,0
                """);

        assertThat(rows).containsExactly(
                new ImportRow(2, "http://ozh.org/", "ozh", "2023-04-01 10:15:00", "Ozh's blog", null),
                new ImportRow(3, "https://yourls.org/?a=1,2", "yourls", "2023-04-02 08:00:01", "YOURLS, the shortener", null));
    }

    @Test
    void readsAShlinkExportTakingTheCodeFromTheShortUrl() {
        List<ImportRow> rows = read("""
                createdAt,shortUrl,longUrl,title,tags,visits
                2022-11-20T18:03:10+01:00,https://s.test/abc123,https://example.com/a,,news|tech,7
                2022-11-21T09:00:00+00:00,https://s.test/x_y-Z,https://example.com/b,Title,,0
                """);

        assertThat(rows).containsExactly(
                new ImportRow(2, "https://example.com/a", "abc123", "2022-11-20T18:03:10+01:00", null, "news|tech"),
                new ImportRow(3, "https://example.com/b", "x_y-Z", "2022-11-21T09:00:00+00:00", "Title", null));
        assertThat(ImportFile.createdAt(rows.get(0).createdAt())).isEqualTo(Instant.parse("2022-11-20T17:03:10Z"));
        assertThat(ImportFile.tags(rows.get(0).tags())).containsExactly("news", "tech");
    }

    @Test
    void readsABitlyExportWhoseLinkHasNoScheme() {
        List<ImportRow> rows = read("""
                id,link,long_url,title,created_at,tags
                bit.ly/3abcDEF,https://bit.ly/3abcDEF,https://example.org/page,Page,2021-06-01T12:00:00+0000,"one,two"
                bit.ly/4ghi,bit.ly/4ghi,https://example.org/other,,2021-06-02T12:00:00+0000,
                """);

        assertThat(rows).extracting(ImportRow::code).containsExactly("3abcDEF", "4ghi");
        assertThat(ImportFile.createdAt(rows.get(0).createdAt())).isEqualTo(Instant.parse("2021-06-01T12:00:00Z"));
        assertThat(ImportFile.tags(rows.get(0).tags())).containsExactly("one", "two");
    }

    @Test
    void readsOurOwnExportByItsCodeColumnAndMatchesNamesInAnyCase() {
        List<ImportRow> rows = read("""
                \uFEFFCODE,shortUrl,URL,title,tags,createdAt,expiresAt,status,redirectType,maxVisits,totalClicks
                own1,http://localhost:8080/own1,https://example.net/,,a|b,2024-01-02T03:04:05.678Z,,ACTIVE,302,,3
                """);

        assertThat(rows).containsExactly(new ImportRow(2, "https://example.net/", "own1", "2024-01-02T03:04:05.678Z", null, "a|b"));
    }

    @Test
    void aRowWithoutACodeColumnOrCodeHasNone() {
        assertThat(read("long_url\nhttps://example.com/\n")).containsExactly(new ImportRow(2, "https://example.com/", null, null, null, null));
        assertThat(read("url,code\nhttps://example.com/,\n")).containsExactly(new ImportRow(2, "https://example.com/", null, null, null, null));
    }

    @Test
    void countsLinesOfQuotedLineBreaksAndSkipsBlankLines() {
        List<ImportRow> rows = read("url,title\nhttps://a.test/,\"two\nlines\"\n\nhttps://b.test/,b\n");

        assertThat(rows).extracting(ImportRow::line).containsExactly(2L, 5L);
    }

    @Test
    void readsTimesInEveryFormTheExportsUse() {
        assertThat(ImportFile.createdAt("2023-04-01 10:15:00")).isEqualTo(Instant.parse("2023-04-01T10:15:00Z"));
        assertThat(ImportFile.createdAt("2023-04-01T10:15:00")).isEqualTo(Instant.parse("2023-04-01T10:15:00Z"));
        assertThat(ImportFile.createdAt("2023-04-01T10:15:00.5Z")).isEqualTo(Instant.parse("2023-04-01T10:15:00.500Z"));
        assertThat(ImportFile.createdAt("2023-04-01T12:15:00+02:00")).isEqualTo(Instant.parse("2023-04-01T10:15:00Z"));
        assertThatThrownBy(() -> ImportFile.createdAt("01/04/2023")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("createdAt: must be ISO-8601 or YYYY-MM-DD HH:MM:SS (UTC)");
    }

    @Test
    void takesTheLastPathSegmentOfAShortUrl() {
        assertThat(ImportFile.codeOf("https://s.test/abc")).isEqualTo("abc");
        assertThat(ImportFile.codeOf("https://s.test/abc/")).isEqualTo("abc");
        assertThat(ImportFile.codeOf("https://s.test/p/abc?x=1")).isEqualTo("abc");
        assertThat(ImportFile.codeOf("s.test/abc")).isEqualTo("abc");
        assertThat(ImportFile.codeOf("abc")).isEqualTo("abc");
        assertThat(ImportFile.codeOf("https://s.test/")).isNull();
    }

    @Test
    void refusesAFileWithoutAUrlColumnOrThatIsNotCsv() {
        assertThatThrownBy(() -> read("keyword,title\nabc,x\n")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("file: the first row must name a URL column");
        assertThatThrownBy(() -> read("")).isInstanceOf(ValidationException.class).hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> read("url,title\nhttps://a.test/,\"unclosed\n")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("file: not a valid CSV file at line");
    }

    private static List<ImportRow> read(String csv) {
        List<ImportRow> rows = new ArrayList<>();
        ImportFile.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), rows::add);
        return rows;
    }
}
