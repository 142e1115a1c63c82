package io.shortlink.edge.problem;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatusCode;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's own error page, used when a request is refused before it reaches the application (a malformed request
 * line, an invalid character or escape in the path, headers over the size limit, …), as problem+json instead of HTML.
 * Tomcat's two refusals with a 5xx status are the client's doing, so they are told as client errors: a method it
 * does not implement (CONNECT) as 405, an HTTP version it does not speak as 400.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        if (status == HttpServletResponse.SC_NOT_IMPLEMENTED) {
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        } else if (status == HttpServletResponse.SC_HTTP_VERSION_NOT_SUPPORTED) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        HttpStatusCode code = HttpStatusCode.valueOf(response.getStatus());
        byte[] body = Problems.json(Problems.problem(code, Problems.codeOf(code),
                code.is5xxServerError() ? "The request could not be completed" : "The request is malformed"));
        try {
            response.setContentType(Problems.MEDIA_TYPE);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException closed) {
            // The client is gone or the response cannot be written: nothing left to tell anyone.
        }
    }
}
