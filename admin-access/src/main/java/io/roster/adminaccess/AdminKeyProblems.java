package io.roster.adminaccess;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The key check's answers as RFC 9457 problem+json in every service, whatever advice the service has of its own
 * (and with none at all).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminKeyProblems {

    @ExceptionHandler(AdminKeyRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(AdminKeyRejectedException rejected) {
        return ResponseEntity.status(rejected.getStatusCode()).headers(rejected.getHeaders()).body(rejected.getBody());
    }
}
