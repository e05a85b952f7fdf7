package io.roster.invite.web;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Errors Tomcat answers before any servlet runs — a malformed percent-encoding, an encoded slash or NUL in the
 * path, characters a request line may not hold — as problem+json instead of Tomcat's HTML page. Errors that
 * reach the application are answered by {@link ProblemErrorController}; this valve writes only when nothing else
 * has.
 */
class ProblemJsonErrorReportValve extends ErrorReportValve {

    ProblemJsonErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        ProblemDetail problem = Problems.of(code, code.is5xxServerError()
                ? "the request failed on the server; the failure was logged"
                : "the server could not read this request: check its path, encoding and headers");
        try {
            response.resetBuffer();
            Problems.write(response, problem);
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the answer already started: nothing more can be said.
        }
    }
}
