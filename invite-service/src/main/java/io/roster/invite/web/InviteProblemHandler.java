package io.roster.invite.web;

import io.roster.invite.http.RequestRejectedException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every invite-service error as RFC 9457 problem+json; refused requests list their problems field by field. */
@RestControllerAdvice(basePackages = "io.roster.invite")
class InviteProblemHandler extends ResponseEntityExceptionHandler {

    private final long retryAfterSeconds;

    InviteProblemHandler(io.roster.invite.InviteProperties properties) {
        this.retryAfterSeconds = Math.max(1, properties.invitations().resendInterval().toSeconds());
    }

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        ProblemDetail problem = problem(e);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.status() == HttpStatus.TOO_MANY_REQUESTS) {
            // Rate limits in invite-service are the invitation resend interval: waiting that long always works.
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        }
        return response.body(problem);
    }

    private static ProblemDetail problem(RequestRejectedException e) {
        HttpStatus status = e.status();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.problems().size() == 1
                ? describe(e.problems().get(0)) : e.problems().size() + " problems: see 'errors'");
        problem.setType(URI.create("https://roster.io/problems/" + switch (status) {
            case NOT_FOUND -> "not-found";
            case CONFLICT -> "conflict";
            case TOO_MANY_REQUESTS -> "rate-limited";
            default -> "invalid-request";
        }));
        problem.setTitle(status == HttpStatus.UNPROCESSABLE_CONTENT ? "Invalid request" : status.getReasonPhrase());
        problem.setProperty("errors", e.problems());
        return problem;
    }

    /** Two identical requests at the same moment: the database's unique constraints let one win. */
    @ExceptionHandler(org.springframework.dao.DuplicateKeyException.class)
    ProblemDetail concurrentDuplicate(org.springframework.dao.DuplicateKeyException e) {
        return Problems.of(HttpStatus.CONFLICT,
                "an identical request was handled at the same moment; nothing was written by this one");
    }

    /**
     * The last line behind the input rules: PostgreSQL refuses NUL in text (SQLSTATE 22021) and characters its
     * encoding cannot hold (22P05). A value that slipped past every rule is the client's fault, not a 500.
     */
    @ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> unstorable(org.springframework.dao.DataIntegrityViolationException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql
                    && ("22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState()))) {
                ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST,
                        "a value holds a character that cannot be stored (NUL or alike)");
                problem.setType(Problems.INVALID_CHARACTERS);
                problem.setTitle("Invalid characters");
                return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                        .body(problem);
            }
        }
        throw e;
    }

    /** Every answer Spring MVC builds itself (400, 405, 406, 415…) gets the type of its status. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            Problems.typed(problem);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /** Malformed JSON, unknown fields, wrong types: say which, without echoing a stack trace. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
            }
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, readable(ex));
        problem.setType(Problems.UNREADABLE_BODY);
        problem.setTitle("Unreadable request body");
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String readable(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof tools.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (cause instanceof tools.jackson.databind.exc.MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            return "field '" + path(mismatch.getPath()) + "' has the wrong type";
        }
        if (cause instanceof tools.jackson.core.JacksonException json) {
            return "malformed JSON: " + json.getOriginalMessage();
        }
        return "the request body is missing or unreadable";
    }

    /** {@code buckets[0]}, {@code credential.response}: where in the body, as the Kafka rejections name it. */
    private static String path(java.util.List<tools.jackson.core.JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (tools.jackson.core.JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(Problems.printable(reference.getPropertyName(), 64));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(io.roster.contracts.account.FieldProblem p) {
        return p.field() == null ? p.message() : p.field() + ": " + p.message();
    }
}
