package io.roster.scheduler;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every suspension-scheduler error as RFC 9457 problem+json, whether it runs alone or in standalone. */
@RestControllerAdvice(basePackages = "io.roster.scheduler")
class SchedulerProblemHandler extends ResponseEntityExceptionHandler {
}
