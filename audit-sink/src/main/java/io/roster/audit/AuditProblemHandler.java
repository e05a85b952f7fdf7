package io.roster.audit;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every audit-sink error as RFC 9457 problem+json — 401 and 404 from the key check included — whether audit-sink
 * runs alone or in standalone.
 */
@RestControllerAdvice(basePackages = "io.roster.audit")
class AuditProblemHandler extends ResponseEntityExceptionHandler {
}
