package io.shortlink.query.redirect;

import io.shortlink.edge.problem.Problems;
import io.shortlink.query.ui.WebUiHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The redirect path's answers when it cannot redirect: problem+json for API clients that ask for JSON, a small
 * page in the web UI's style for browsers. Codes only ever hold {@code [A-Za-z0-9_-]}, so they need no escaping.
 */
final class RedirectFailures {

    private RedirectFailures() {
    }

    static void notFound(HttpServletRequest request, HttpServletResponse response, String code) throws IOException {
        write(request, response, 404, "link-not-found", "Link not found",
                "There is no link at /" + code + ".");
    }

    static void gone(HttpServletRequest request, HttpServletResponse response, String code) throws IOException {
        write(request, response, 410, "link-gone", "Link gone",
                "The link at /" + code + " has expired, reached its visit limit or was deleted.");
    }

    static void unavailable(HttpServletRequest request, HttpServletResponse response, String code) throws IOException {
        response.setHeader("Retry-After", "1");
        write(request, response, 503, "redirect-unavailable", "Service unavailable",
                "The link at /" + code + " cannot be looked up right now. Please try again.");
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, int status, String code,
                              String title, String detail) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        String accept = request.getHeader("Accept");
        boolean wantsJson = accept != null && (accept.contains("application/json") || accept.contains("application/problem+json"));
        byte[] bytes;
        if (wantsJson) {
            response.setContentType(Problems.MEDIA_TYPE);
            ProblemDetail problem = Problems.problem(HttpStatusCode.valueOf(status), code, detail);
            problem.setTitle(title);
            bytes = Problems.json(problem);
        } else {
            response.setContentType("text/html;charset=UTF-8");
            response.setHeader("Content-Security-Policy", WebUiHeaders.CONTENT_SECURITY_POLICY);
            bytes = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    + "<title>" + title + " · Shortlink</title>"
                    + "<link rel=\"icon\" href=\"/app/assets/icon.svg\" type=\"image/svg+xml\">"
                    + "<link rel=\"stylesheet\" href=\"/app/assets/app.css\"></head>"
                    + "<body><header class=\"top\"><a class=\"brand\" href=\"/app/\">Shortlink</a></header>"
                    + "<main id=\"main\" class=\"notice\"><h1>" + title + "</h1><p>" + detail + "</p>"
                    + "<p><a class=\"button\" href=\"/app/\">Shorten a link</a></p></main></body></html>").getBytes(StandardCharsets.UTF_8);
        }
        response.setContentLength(bytes.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(bytes);
        }
    }
}
