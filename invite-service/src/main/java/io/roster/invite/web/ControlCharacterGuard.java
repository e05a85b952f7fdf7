package io.roster.invite.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Control characters (NUL, CR, LF…) have no place in a path segment or a query parameter of the API: refused
 * with 400 before anything looks them up. PostgreSQL refuses NUL in text outright, so without this a NUL in
 * {@code ?text=} or a workspace id became a 500.
 */
class ControlCharacterGuard extends OncePerRequestFilter {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        String decodedPath;
        try {
            decodedPath = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            Problems.write(response, Problems.of(HttpStatus.BAD_REQUEST, "the path is not properly percent-encoded"));
            return;
        }
        if (CONTROL.matcher(decodedPath).find()) {
            Problems.write(response, refused("the path"));
            return;
        }
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name;
                String value;
                try {
                    name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    Problems.write(response, Problems.of(HttpStatus.BAD_REQUEST,
                            "the query string is not properly percent-encoded"));
                    return;
                }
                if (CONTROL.matcher(name).find() || CONTROL.matcher(value).find()) {
                    Problems.write(response, refused(CONTROL.matcher(name).find() ? "a query parameter's name"
                            : "the query parameter '" + Problems.printable(name, 50) + "'"));
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static ProblemDetail refused(String where) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST,
                where + " holds a control character (NUL, CR, LF…): not allowed in paths and parameters");
        problem.setType(Problems.INVALID_CHARACTERS);
        problem.setTitle("Invalid characters");
        return problem;
    }
}
