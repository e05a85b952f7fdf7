package io.roster.importer.http;

import io.roster.importer.upload.FileTooLargeException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every import-worker error as RFC 9457 problem+json, alone or in standalone. */
@RestControllerAdvice(basePackages = "io.roster.importer")
class ImportProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(BadImportRequestException.class)
    ResponseEntity<ProblemDetail> badRequest(BadImportRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", e.parameter(), "code", "invalid_value",
                "message", e.getMessage())));
        return problem(problem, HttpStatus.BAD_REQUEST);
    }

    @ExceptionHandler(ImportNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(ImportNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem(problem, HttpStatus.NOT_FOUND);
    }

    @ExceptionHandler(FileTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(FileTooLargeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setTitle("File too large");
        return problem(problem, HttpStatus.CONTENT_TOO_LARGE);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem, HttpStatus status) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, headers, status);
    }
}
