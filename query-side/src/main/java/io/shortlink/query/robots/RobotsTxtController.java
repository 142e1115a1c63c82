package io.shortlink.query.robots;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

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

    @GetMapping(path = "/robots.txt", produces = "text/plain;charset=UTF-8")
    ResponseEntity<String> robotsTxt() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic()).body(robotsTxt);
    }
}
