package io.roster.invite.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem types of invite-service's answers (RFC 9457): one URI per kind of error, so a client can tell a
 * malformed body from a missing endpoint without parsing the detail. Most are named after their status
 * ({@code not-found}, {@code method-not-allowed}, {@code content-too-large}); a few are finer.
 */
public final class Problems {

    private static final String BASE = "https://roster.io/problems/";
    /** A request whose fields break the rules, listed in {@code errors}. */
    public static final URI INVALID_REQUEST = URI.create(BASE + "invalid-request");
    /** A body that is not JSON, or not the JSON expected. */
    static final URI UNREADABLE_BODY = URI.create(BASE + "unreadable-body");
    /** Control characters (NUL, CR, LF…) in the path or a query parameter. */
    static final URI INVALID_CHARACTERS = URI.create(BASE + "invalid-characters");
    /** Too many requests of a kind; {@code Retry-After} says when to try again. */
    public static final URI RATE_LIMITED = URI.create(BASE + "rate-limited");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /** The type of an error answer that has no finer one: its status, as words ({@code 404} → not-found). */
    public static URI type(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        if (known == null) {
            return URI.create(BASE + (status.is4xxClientError() ? "bad-request" : "internal-server-error"));
        }
        return switch (known) {
            case UNPROCESSABLE_CONTENT -> INVALID_REQUEST;
            case TOO_MANY_REQUESTS -> RATE_LIMITED;
            default -> URI.create(BASE + known.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-'));
        };
    }

    /** A problem of the status's type, titled with its reason phrase. */
    public static ProblemDetail of(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return typed(problem);
    }

    /** Gives a problem that has none ({@code about:blank}) the type and title of its status. */
    static ProblemDetail typed(ProblemDetail problem) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(type(HttpStatusCode.valueOf(problem.getStatus())));
        }
        HttpStatus known = HttpStatus.resolve(problem.getStatus());
        if (problem.getTitle() == null && known != null) {
            problem.setTitle(known.getReasonPhrase());
        }
        return problem;
    }

    /** Writes a problem where Spring MVC's converters are not at hand: filters and the Tomcat error valve. */
    static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(JSON.writeValueAsBytes(asMap(problem)));
        response.flushBuffer();
    }

    static Map<String, Object> asMap(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            body.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }

    /**
     * A value fit to be repeated in an answer: control characters replaced by U+FFFD and at most {@code max}
     * characters, so an echo can neither break a line nor grow with the input.
     */
    public static String printable(String value, int max) {
        if (value == null) {
            return null;
        }
        String cut = value.length() > max ? value.substring(0, max) + "…" : value;
        return cut.replaceAll("[\\p{Cc}\\u2028\\u2029]", "\uFFFD");
    }
}
