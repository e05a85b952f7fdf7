package io.roster.importer.upload;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the upload path — and only it — take files of hundreds of MB, streamed: an import is refused with 413
 * over {@code roster.import.max-file-size} (by its Content-Length at once, else as it is read), and its body is
 * kept from everything that would read it first. Spring's multipart resolver and Tomcat's part parsing (with their
 * small, process-wide limits) never see it as multipart; its parameters are read from the query string alone, since
 * asking Tomcat for a parameter of a multipart request parses the whole body; and the general request-body limit
 * of the other services sharing the web server (standalone) leaves it to this one.
 */
public class UploadRequestFilter extends OncePerRequestFilter {

    /**
     * Set on a request whose body a component of its own limits, for the general body limit of the services sharing
     * the web server to leave it alone (invite-service's RequestBodyLimit reads this name).
     */
    public static final String BODY_LIMITED_ELSEWHERE = "roster.request-body.limited-elsewhere";
    /** The upload's real Content-Type, which the wrapped request hides. */
    static final String CONTENT_TYPE = UploadRequestFilter.class.getName() + ".contentType";
    /** Room for the multipart boundaries and part headers around the file. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    private static final Pattern PATH = Pattern.compile("/api/v1/workspaces/[^/]+/imports/?");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final long maxFileBytes;

    public UploadRequestFilter(long maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || !PATH.matcher(path).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxFileBytes + MULTIPART_OVERHEAD) {
            tooLarge(response, maxFileBytes);
            return;
        }
        request.setAttribute(BODY_LIMITED_ELSEWHERE, Boolean.TRUE);
        request.setAttribute(CONTENT_TYPE, request.getContentType());
        chain.doFilter(new UploadRequest(request), response);
    }

    static void tooLarge(HttpServletResponse response, long limit) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "import files are limited to " + limit + " bytes (roster.import.max-file-size)");
        problem.setTitle("File too large");
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }

    /** The upload as the rest of the chain sees it: not multipart, its parameters those of its query string. */
    private static final class UploadRequest extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;

        UploadRequest(HttpServletRequest request) {
            super(request);
            Map<String, String[]> query = new LinkedHashMap<>();
            if (request.getQueryString() != null) {
                MultiValueMap<String, String> raw = UriComponentsBuilder.newInstance()
                        .query(request.getQueryString()).build().getQueryParams();
                raw.forEach((name, values) -> query.put(decode(name), values.stream()
                        .map(v -> v == null ? "" : decode(v)).toArray(String[]::new)));
            }
            this.parameters = Collections.unmodifiableMap(query);
        }

        private static String decode(String text) {
            return UriUtils.decode(text.replace("+", " "), StandardCharsets.UTF_8);
        }

        @Override
        public String getContentType() {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(getContentType())) : super.getHeaders(name);
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }
    }
}
