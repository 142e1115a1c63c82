package io.shortlink.query.robots;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/**
 * {@code /robots.txt}: by default every crawler is asked not to crawl the short domain (a crawler that follows short
 * links would count as visits of links it found anywhere). The text is configuration ({@code SHORTLINK_ROBOTS_TXT}).
 */
@RestController
class RobotsTxtController {

    private final String robotsTxt;

    RobotsTxtController(@Value("${shortlink.robots-txt}") String robotsTxt) {
        this.robotsTxt = robotsTxt.endsWith("\n") ? robotsTxt : robotsTxt + "\n";
    }

    /** Written straight to the response: no content negotiation, so any {@code Accept}, even a malformed one, gets it. */
    @Operation(summary = "Ask crawlers to keep off the short links", description = "`User-agent: *` / `Disallow: /` by default.")
    @GetMapping("/robots.txt")
    void robotsTxt(HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
        response.getWriter().write(robotsTxt);
    }
}
