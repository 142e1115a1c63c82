package io.shortlink.infra;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI in a real headless Chromium (Debian's chromium and chromium-driver), driven as a person would use it:
 * sign in, create, the result and its QR code, a link's page and its chart, edit, delete; plus an accessibility
 * check by axe-core in each main page, the phone width, and no console errors (a broken Content-Security-Policy
 * shows up there too). Screenshots of the main pages go to {@code target/screenshots}, or to the directory
 * named by the system property {@code shortlink.screenshots}.
 */
class WebUiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String BROWSER_USER_AGENT =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36";
    private static final Path SCREENSHOTS = Path.of(System.getProperty("shortlink.screenshots", "target/screenshots"));

    private static RunningShortlink shortlink;
    private static ChromeDriver browser;
    private static String axe;

    @BeforeAll
    static void start() throws Exception {
        shortlink = RunningShortlink.shared();
        axe = Files.readString(Path.of("target/npm/axe-core/package/axe.min.js"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--lang=en-GB");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("chromedriver", "/usr/bin/chromedriver"))).build();
        browser = new ChromeDriver(driver, options);
        Files.createDirectories(SCREENSHOTS);
    }

    /** Debian's path, which .ci/run installs; a clear failure rather than a download when it is missing. */
    private static String executable(String name, String path) {
        assertThat(new File(path).canExecute()).as("%s at %s (apt-get install chromium chromium-driver)", name, path).isTrue();
        return path;
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void freshTab() {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        emulateColorScheme("light");
        open("/app/");
        script("sessionStorage.clear()");
        consoleErrors();
    }

    /**
     * Every test ends without a console error: no script failure, no refused resource, no CSP violation. Only a QR
     * code asked for right after its link's creation may have been refused first: the read side learns of a link
     * within about a second, and the page asks again until it shows (asserted where it matters).
     */
    @AfterEach
    void noConsoleErrors() {
        assertThat(consoleErrors()).filteredOn(error -> !error.matches(".*/api/v1/links/[^/]+/qr\\?size=512 - Failed to load resource: "
                + "the server responded with a status of 404.*")).isEmpty();
    }

    @Test
    void signInCreateAndSeeTheResultWithItsQrCode() throws Exception {
        String key = shortlink.bearer("ui-alice").substring("Bearer ".length());
        open("/app/sign-in");
        type("#field-key", key);
        click("button[type=submit]");
        waitFor(ExpectedConditions.urlToBe(shortlink.baseUrl + "/app/links"));
        assertThat(text("h1")).isEqualTo("My links");

        click("nav a[href='/app/']");
        String alias = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        type("#field-url", "https://example.com/from-the-ui");
        type("#field-alias", alias);
        type("#field-tags", "launch, ui");
        click("button[type=submit]");

        WebElement shortUrl = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("short-url")));
        JsonNode created = JSON.readTree(shortlink.get("/api/v1/links/" + alias).body());
        assertThat(created.get("url").asString()).isEqualTo("https://example.com/from-the-ui");
        assertThat(shortUrl.getText()).isEqualTo(created.get("shortUrl").asString()).endsWith("/" + alias);
        assertThat(shortUrl.getAttribute("href")).isEqualTo(created.get("shortUrl").asString());
        waitUntil("the QR code shows", () -> (Boolean) script(
                "const img = document.getElementById('qr-code'); return img.complete && img.naturalWidth === 512"));
        screenshot("create-result");

        click("a[href='/app/links/" + alias + "']");
        waitFor(ExpectedConditions.textToBe(By.tagName("h1"), alias));
        open("/app/links");
        assertThat(browser.findElement(By.cssSelector("a[href='/app/links/" + alias + "']")).getText()).isEqualTo(alias);
        screenshot("my-links");
    }

    @Test
    void aLinksPageChartsItsClicksPerDay() throws Exception {
        String code = createdLink("ui-bob", "https://example.com/charted");
        for (int i = 0; i < 3; i++) {
            assertThat(shortlink.get("/" + code, "User-Agent", BROWSER_USER_AGENT).statusCode()).isEqualTo(302);
        }
        signIn("ui-bob");

        waitUntil("the three clicks are counted", () -> {
            open("/app/links/" + code);
            waitFor(ExpectedConditions.presenceOfElementLocated(By.id("total-clicks")));
            return text("#total-clicks").equals("3");
        });
        List<Long> clicksPerDay = chartSeries(0);
        assertThat(clicksPerDay).hasSize(30);
        assertThat(clicksPerDay.stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
        assertThat(clicksPerDay.get(29)).as("today, the last day").isEqualTo(3);
        assertThat(chartSeries(1).get(29)).as("one visitor: the test's address and user agent").isEqualTo(1);
        assertThat(text(".tops")).contains("Chrome");
        screenshot("link-page");

        // The CSV of the range shown, downloaded as a person would: by the link.
        Path downloads = Files.createTempDirectory("shortlink-downloads");
        browser.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        click("#export-csv");
        Path csv = downloads.resolve(browser.findElement(By.id("export-csv")).getAttribute("download"));
        waitUntil("the CSV is downloaded", () -> Files.exists(csv));
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(31);
        assertThat(rows.get(0)).isEqualTo("date,clicks,uniqueVisitors");
        assertThat(rows.get(30)).isEqualTo(LocalDate.now(ZoneOffset.UTC) + ",3,1");
        assertThat(rows.subList(1, 30)).allSatisfy(row -> assertThat(row).endsWith(",0,0"));
        assertThat(csv.getFileName().toString()).isEqualTo(code + "-clicks-" + LocalDate.now(ZoneOffset.UTC).minusDays(29)
                + "-to-" + LocalDate.now(ZoneOffset.UTC) + ".csv");

        click("button[data-days='7']");
        waitUntil("the chart shows 7 days", () -> chartSeries(0).size() == 7);
        assertThat(browser.findElement(By.cssSelector("button[data-days='7']")).getAttribute("aria-pressed")).isEqualTo("true");

        click("button[data-days='30']");
        waitUntil("the chart shows 30 days", () -> chartSeries(0).size() == 30);
        emulateColorScheme("dark");
        waitUntil("the chart takes the dark colours without a reload", () -> "#8ab4f8".equals(script(
                "return Chart.getChart(document.getElementById('clicks-chart')).data.datasets[0].backgroundColor")));
        screenshot("link-page-dark");
    }

    @Test
    void editAndDeleteALink() throws Exception {
        String code = createdLink("ui-carol", "https://example.com/before");
        signIn("ui-carol");
        open("/app/links/" + code);
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.edit")));

        WebElement url = browser.findElement(By.cssSelector("form.edit #field-url"));
        url.clear();
        url.sendKeys("https://example.com/after");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("form.edit #field-redirectType"))).selectByValue("307");
        click("form.edit button[type=submit]");
        waitFor(ExpectedConditions.textToBe(By.id("link-target"), "https://example.com/after"));
        assertThat(shortlink.getUntil("/" + code, r -> r.statusCode() == 307, PATIENCE).headers().firstValue("Location"))
                .hasValue("https://example.com/after");

        // Keyboard alone: the delete button opens the dialog, Escape keeps the link, the dialog's button deletes it.
        WebElement delete = browser.findElement(By.xpath("//button[text()='Delete this link']"));
        delete.sendKeys(Keys.ENTER);
        assertThat((Boolean) script("return document.querySelector('dialog').open")).isTrue();
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        assertThat((Boolean) script("return document.querySelector('dialog').open")).isFalse();
        delete.sendKeys(Keys.ENTER);
        browser.findElement(By.id("confirm-delete")).sendKeys(Keys.ENTER);
        waitFor(ExpectedConditions.urlContains("/app/links?deleted=" + code));
        assertThat(text("main")).contains("The link " + code + " was deleted.");
        assertThat(shortlink.getUntil("/" + code, r -> r.statusCode() == 410, PATIENCE).statusCode()).isEqualTo(410);
        assertThat(JSON.readTree(shortlink.get("/api/v1/links/" + code).body()).get("status").asString()).isEqualTo("DELETED");

        open("/" + code);
        assertThat(text("h1")).isEqualTo("Link gone");
        screenshot("link-gone");
        consoleErrors(); // the 410 itself, which Chromium reports as a failed resource
    }

    @Test
    void searchingMyLinksAsITypeKeepsTheTagFilter() throws Exception {
        String owner = "ui-frank-" + UUID.randomUUID().toString().substring(0, 6);
        String report = linkCreatedFrom(owner, "{\"url\":\"https://example.com/alpha-report\",\"title\":\"Quarterly report\",\"tags\":[\"report\"]}");
        String launch = linkCreatedFrom(owner, "{\"url\":\"https://example.com/beta\",\"title\":\"Beta launch\",\"tags\":[\"report\"]}");
        String other = linkCreatedFrom(owner, "{\"url\":\"https://example.com/alpha-other\",\"tags\":[\"misc\"]}");
        signIn(owner);
        open("/app/links?tag=report");
        waitUntil("the two tagged links are listed", () -> shownLinks().size() == 2);

        type("#field-q", "ALPHA");
        waitUntil("the search keeps the tag filter", () -> shownLinks().equals(List.of(report)));
        assertThat(text(".summary")).startsWith("1 link matching “ALPHA” tagged report.");
        assertThat(browser.getCurrentUrl()).endsWith("/app/links?q=ALPHA&tag=report");
        screenshot("my-links-search");

        type("#field-q", "launch");
        waitUntil("a title is searched", () -> shownLinks().equals(List.of(launch)));
        browser.findElement(By.id("field-tag")).clear();
        browser.findElement(By.id("field-q")).clear();
        browser.findElement(By.id("field-q")).sendKeys("alpha", Keys.ENTER);
        waitUntil("the search alone, as the address says", () -> shownLinks().equals(List.of(other, report)));
        assertThat(browser.getCurrentUrl()).endsWith("/app/links?q=alpha");

        type("#field-q", "x".repeat(201));
        WebElement error = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("field-q-error")));
        assertThat(error.getText()).contains("200");
        assertThat(browser.findElement(By.id("field-q")).getAttribute("aria-invalid")).isEqualTo("true");
        consoleErrors(); // the 400 itself, which Chromium reports as a failed resource
    }

    @Test
    void aLinksPageShowsItsClicksLive() throws Exception {
        String code = createdLink("ui-gina", "https://example.com/live");
        signIn("ui-gina");
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/app/links/" + code);
        click("#live-toggle");
        waitFor(ExpectedConditions.textToBe(By.id("live-toggle"), "Stop"));
        // The stream follows the clicks from the moment it is open: click until one shows (the first may race it).
        waitUntil("a redirect made while the page listens shows up", () -> {
            assertThat(shortlink.get("/" + code, "User-Agent", BROWSER_USER_AGENT, "CF-IPCountry", "DE",
                    "Referer", "https://news.example/item").statusCode()).isEqualTo(302);
            return !browser.findElements(By.cssSelector(".live-clicks li")).isEmpty();
        });
        assertThat(text(".live-clicks li")).contains("DE · Chrome · ").contains(" · Desktop · from news.example").doesNotContain("bot");
        assertThat(shortlink.get("/" + code, "User-Agent", "curl/8.5.0").statusCode()).isEqualTo(302);
        waitUntil("a bot's click shows up, marked", () -> text(".live-clicks li").endsWith("bot"));
        assertThat(axeViolations()).as("serious accessibility violations with live clicks").isEmpty();
        assertThat((Long) script("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .as("horizontal overflow at 390 px").isLessThanOrEqualTo(0);
        screenshot("link-page-live");

        click("#live-toggle");
        waitFor(ExpectedConditions.textToBe(By.id("live-toggle"), "Start"));
        assertThat(text(".live-status")).isEqualTo("Stopped.");
    }

    @Test
    void errorsShowNextToTheirFields() {
        open("/app/");
        type("#field-url", "ftp://example.com/file");
        type("#field-alias", "a!");
        click("button[type=submit]");

        WebElement urlError = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("field-url-error")));
        assertThat(urlError.getText()).isNotBlank();
        assertThat(browser.findElement(By.id("field-alias-error")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("field-url")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("field-url");
        consoleErrors(); // the 400 itself, which Chromium reports as a failed resource
    }

    @Test
    void theKeyboardAloneShortensALink() throws Exception {
        open("/app/");
        // The URL field has the focus when the page opens; Enter submits the form.
        browser.switchTo().activeElement().sendKeys("https://example.com/keyboard", Keys.ENTER);
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("short-url")));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("result-heading");
        waitUntil("the QR code shows", () -> (Boolean) script(
                "const img = document.getElementById('qr-code'); return img.complete && img.naturalWidth === 512"));
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("short-url");
    }

    @Test
    void anAdminIssuesAKeyAndFollowsAReplay() throws Exception {
        signIn(RunningShortlink.ADMIN);
        open("/app/admin");
        String owner = "ui-dave-" + UUID.randomUUID().toString().substring(0, 6);
        type("#field-owner", owner);
        click("#keys-heading ~ form button[type=submit]");
        String key = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("new-key"))).getText();
        assertThat(shortlink.getUntil("/api/v1/links", r -> r.statusCode() == 200, PATIENCE, "Authorization", "Bearer " + key)
                .statusCode()).isEqualTo(200);

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("field-projection"))).selectByValue("redirect-view");
        click("#replays-heading ~ form button[type=submit]");
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".replays progress")));
        waitUntil("the replay is done, as the page shows without a reload", Duration.ofSeconds(120),
                () -> String.valueOf(script("return document.querySelector('.replays li').className")).contains("replay-done"));
        assertThat(browser.findElement(By.cssSelector(".replays progress")).getAttribute("value")).isEqualTo("100");
        screenshot("admin");

        click("ul.issued button");
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#revoke-heading ~ p[role=status]"), "is revoked"));
        assertThat(shortlink.getUntil("/api/v1/links", r -> r.statusCode() == 401, PATIENCE, "Authorization", "Bearer " + key)
                .statusCode()).isEqualTo(401);
    }

    @Test
    void aSignedInKeyImportsAFileAndFollowsItsProgress() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        signIn("ui-importer-" + suffix);
        open("/app/admin");
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("field-file")));
        assertThat(consoleErrors()).as("only the page's check for the admin key, which Chromium reports as a failed resource")
                .allSatisfy(error -> assertThat(error).contains("/api/v1/admin/replays").contains("403"));
        Path file = Files.createTempFile("ui-import", ".csv");
        Files.writeString(file, "keyword,url,timestamp\nui" + suffix + ",https://example.com/ui-import,2017-02-03 04:05:06\n"
                + "bad code,https://example.com/ui-import/bad,\n");
        browser.findElement(By.id("field-file")).sendKeys(file.toString());
        click("#imports-heading ~ form button[type=submit]");
        waitUntil("the import is done, as the page shows without a reload", Duration.ofSeconds(60),
                () -> browser.findElement(By.cssSelector(".import-progress")).getText().contains("DONE"));
        assertThat(browser.findElement(By.cssSelector(".import-progress")).getText())
                .contains("2 of 2 rows · 1 imported · 1 skipped").contains("Line 3");
        assertThat(shortlink.getUntil("/ui" + suffix, r -> r.statusCode() == 302, PATIENCE).statusCode()).isEqualTo(302);
    }

    @Test
    void everyMainPagePassesAxeAndFitsAPhone() throws Exception {
        String code = createdLink("ui-erin", "https://example.com/a/rather/long/path/that/must/wrap/on/a/phone?with=a&query=string");
        signIn("ui-erin");
        for (String scheme : new String[]{"light", "dark"}) {
            emulateColorScheme(scheme);
            for (Dimension size : new Dimension[]{new Dimension(1280, 1000), new Dimension(390, 844)}) {
                browser.manage().window().setSize(size);
                for (String page : new String[]{"/app/", "/app/sign-in", "/app/links", "/app/links/" + code, "/app/admin",
                        "/app/no-such-page", "/no-such-link"}) {
                    open(page);
                    String where = page + " " + scheme + " " + size.getWidth() + " px";
                    if (page.equals("/app/links/" + code)) {
                        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("clicks-chart")));
                    }
                    assertThat(axeViolations()).as("serious accessibility violations on %s", where).isEmpty();
                    long overflow = (Long) script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                    assertThat(overflow).as("horizontal overflow on %s", where).isLessThanOrEqualTo(0);
                }
            }
        }
        emulateColorScheme("light");
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/app/links/" + code);
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("clicks-chart")));
        screenshot("link-page-phone");
        consoleErrors(); // the admin page's 403 and the unknown pages' 404s, which Chromium reports as failed resources
    }

    @Test
    void theUiIsServedWithAStrictContentSecurityPolicy() throws Exception {
        for (String page : new String[]{"/app/", "/app/links/abc", "/no-such-link"}) {
            HttpResponse<String> response = shortlink.get(page, "Accept", "text/html");
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(page)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'").contains("style-src 'self'")
                            .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
            assertThat(response.body()).as(page).doesNotContain("<script>").doesNotContain("style=");
        }
        assertThat(shortlink.get("/app").headers().firstValue("Location")).hasValue("/app/");
        assertThat(shortlink.post("/api/v1/links", "{\"url\":\"https://example.com\",\"alias\":\"app\"}").statusCode())
                .as("app is a reserved root word").isEqualTo(400);
        assertThat(shortlink.get("/app/nothing-here", "Accept", "text/html").statusCode()).isEqualTo(404);
        assertThat(shortlink.get("/app/vendor/chart.js/chart.umd.min.js").statusCode()).isEqualTo(200);
    }

    /** A link of {@code owner} created through the API, once it redirects. */
    private static String createdLink(String owner, String url) throws Exception {
        return linkCreatedFrom(owner, "{\"url\":\"" + url + "\"}");
    }

    /** A link of {@code owner} created through the API from a request body, once it redirects and is listed. */
    private static String linkCreatedFrom(String owner, String json) throws Exception {
        HttpResponse<String> created = shortlink.as(owner, "POST", "/api/v1/links", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String code = JSON.readTree(created.body()).get("code").asString();
        assertThat(shortlink.headUntil("/" + code, r -> r.statusCode() == 302, PATIENCE).statusCode()).isEqualTo(302);
        assertThat(shortlink.getUntil("/api/v1/links/" + code, r -> r.statusCode() == 200, PATIENCE).statusCode()).isEqualTo(200);
        return code;
    }

    /** Signs in as the UI keeps a sign-in: the key in the tab's sessionStorage. */
    private static void signIn(String owner) throws Exception {
        String key = shortlink.bearer(owner).substring("Bearer ".length());
        open("/app/");
        script("sessionStorage.setItem('shortlink.session', JSON.stringify({key: arguments[0]}))", key);
    }

    private static void open(String path) {
        browser.get(shortlink.baseUrl + path);
        waitFor(driver -> "complete".equals(script("return document.readyState"))
                && (path.startsWith("/app") ? !browser.findElements(By.tagName("h1")).isEmpty() : true));
    }

    private static void type(String selector, String text) {
        WebElement input = waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(selector)));
        input.clear();
        input.sendKeys(text);
    }

    private static void click(String selector) {
        waitFor(ExpectedConditions.elementToBeClickable(By.cssSelector(selector))).click();
    }

    private static String text(String selector) {
        return browser.findElement(By.cssSelector(selector)).getText();
    }

    /** The codes in the list of links, in its order. */
    private static List<String> shownLinks() {
        // Read in one script: the list may be drawn again between finding an element and reading it.
        @SuppressWarnings("unchecked")
        List<String> hrefs = (List<String>) script("return [...document.querySelectorAll('.links li .code')].map(a => a.href)");
        return hrefs.stream().map(href -> href.replaceFirst(".*/app/links/", "")).toList();
    }

    private static Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    private static <T> T waitFor(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(browser, PATIENCE).until(condition);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void waitUntil(String what, Check check) throws Exception {
        waitUntil(what, PATIENCE, check);
    }

    private static void waitUntil(String what, Duration patience, Check check) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + patience + ": " + what);
            }
            Thread.sleep(100);
        }
    }

    /** One dataset of the link page's chart, as Chart.js holds it. */
    @SuppressWarnings("unchecked")
    private static List<Long> chartSeries(int dataset) {
        Object data = script("const chart = window.Chart && Chart.getChart(document.getElementById('clicks-chart'));"
                + "return chart ? chart.data.datasets[arguments[0]].data : [];", dataset);
        return ((List<Object>) data).stream().map(value -> ((Number) value).longValue()).toList();
    }

    /** axe-core's violations of impact serious or critical in the page as it is. */
    @SuppressWarnings("unchecked")
    private static List<String> axeViolations() {
        script(axe);
        Object violations = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                        + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                        + ".catch(e => done(['axe failed: ' + e]));");
        return (List<String>) violations;
    }

    private static void emulateColorScheme(String scheme) {
        browser.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** The console's errors since the last call. */
    private static List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        return errors;
    }

    /** The whole page, beyond the window's height. */
    private static void screenshot(String name) throws Exception {
        Number width = (Number) script("return document.documentElement.clientWidth");
        Number height = (Number) script("return document.documentElement.scrollHeight");
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }
}
