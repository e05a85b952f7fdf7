package io.roster.invite.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that reach the servlet container's error page — no endpoint at that path (404), a method the path does
 * not take (405), a failure outside any controller, a {@code sendError} of a filter — answered as problem+json,
 * whatever the client accepts. It replaces Boot's {@code BasicErrorController}, whose answers were plain JSON or
 * an HTML page. Details never repeat an exception's message: a 5xx says only that it was logged.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final int PATH_ECHO_MAX = 200;

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatusCode status = HttpStatusCode.valueOf(code instanceof Integer c && c >= 400 ? c : 500);
        ProblemDetail problem = Problems.of(status, detail(request, status));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String detail(HttpServletRequest request, HttpStatusCode status) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = Problems.printable(uri == null ? "" : uri.toString(), PATH_ECHO_MAX);
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return "nothing at " + path + "; the endpoints are listed in /v3/api-docs";
        }
        if (status.value() == HttpStatus.METHOD_NOT_ALLOWED.value()) {
            return path + " does not take this method; the Allow header lists those it takes";
        }
        if (status.is5xxServerError()) {
            return "the request failed on the server; the failure was logged";
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        return message == null || message.toString().isBlank() ? HttpStatus.resolve(status.value()) == null
                ? "the request was refused" : HttpStatus.resolve(status.value()).getReasonPhrase()
                : Problems.printable(message.toString(), PATH_ECHO_MAX);
    }
}
