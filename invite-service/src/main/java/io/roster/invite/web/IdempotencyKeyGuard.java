package io.roster.invite.web;

import io.roster.contracts.EnvelopeCheck;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An {@code Idempotency-Key} becomes the request id of the command it names, stored and repeated in events: it is
 * refused with 400 before anything uses it unless it is printable ASCII (as HTTP header values should be) and at
 * most {@link EnvelopeCheck#ID_MAX} characters, the bound of every request id. A blank key counts as none.
 */
class IdempotencyKeyGuard extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]*");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key != null && !key.isBlank()
                && (key.length() > EnvelopeCheck.ID_MAX || !PRINTABLE_ASCII.matcher(key).matches())) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, HEADER + " must be at most "
                    + EnvelopeCheck.ID_MAX + " printable ASCII characters (was " + key.length() + " characters"
                    + (PRINTABLE_ASCII.matcher(key).matches() ? "" : ", not all printable ASCII") + ")");
            problem.setProperty("header", HEADER);
            Problems.write(response, problem);
            return;
        }
        chain.doFilter(request, response);
    }
}
