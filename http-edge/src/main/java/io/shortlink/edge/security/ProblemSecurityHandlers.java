package io.shortlink.edge.security;

import io.shortlink.edge.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;

/** Spring Security's refusals as problem+json: 401 (no or bad key), 403 (not allowed), 400 (firewall). */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        if (failure instanceof BadCredentialsException) {
            Problems.write(response, Problems.problem(HttpStatus.UNAUTHORIZED, "invalid-api-key", failure.getMessage()));
        } else {
            Problems.write(response, Problems.problem(HttpStatus.UNAUTHORIZED, "authentication-required",
                    "This request needs an API key: 'Authorization: Bearer <api-key>' or 'X-Api-Key: <api-key>'"));
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        Problems.write(response, Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "This API key may not do this"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected) throws IOException {
        Problems.write(response, Problems.problem(HttpStatus.BAD_REQUEST, "request-rejected", "The request is malformed"));
    }
}
