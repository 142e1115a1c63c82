package io.shortlink.edge.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import java.io.IOException;

/**
 * The servlet container's error page (failures outside Spring MVC's handlers: an exception no handler knew, a
 * {@code sendError} from a filter or from Tomcat) as problem+json, replacing Boot's JSON/HTML error page.
 * Only the status is told, never the exception: no stack trace or internal message leaves the service.
 */
@Controller
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            // The answer is on its way already (a connection closed on purpose after it): nothing more can be said.
            return;
        }
        HttpStatusCode status = statusOf(request);
        // Tomcat has logged the exception, if there was one.
        HttpStatus known = HttpStatus.resolve(status.value());
        String detail = status.is5xxServerError() || known == null ? "The request could not be completed" : known.getReasonPhrase();
        Problems.write(response, Problems.problem(status, Problems.codeOf(status), detail));
    }

    private static HttpStatusCode statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            // Asked for directly (GET /error): there is no failure to report, and no such resource.
            return HttpStatus.NOT_FOUND;
        }
        if (code instanceof Integer status && status >= 400 && status <= 599) {
            return HttpStatusCode.valueOf(status);
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
