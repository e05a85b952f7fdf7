package io.roster.invite.web;

import io.roster.invite.InviteProperties;
import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What stands between the network and the controllers: the body limit, the control-character guard, the
 * Idempotency-Key bound, and
 * problem+json for the errors Tomcat answers itself.
 */
@Configuration(proxyBeanMethods = false)
class HttpHardening {

    @Bean
    FilterRegistrationBean<RequestBodyLimit> inviteRequestSizeLimit(InviteProperties properties) {
        FilterRegistrationBean<RequestBodyLimit> registration =
                new FilterRegistrationBean<>(new RequestBodyLimit(properties.maxRequestBytes()));
        registration.addUrlPatterns("/api/v1/*");
        registration.setName("inviteRequestSizeLimit");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ControlCharacterGuard> inviteControlCharacterGuard() {
        FilterRegistrationBean<ControlCharacterGuard> registration =
                new FilterRegistrationBean<>(new ControlCharacterGuard());
        registration.addUrlPatterns("/api/v1/*");
        registration.setName("inviteControlCharacterGuard");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    @Bean
    FilterRegistrationBean<IdempotencyKeyGuard> inviteIdempotencyKeyGuard() {
        FilterRegistrationBean<IdempotencyKeyGuard> registration =
                new FilterRegistrationBean<>(new IdempotencyKeyGuard());
        registration.addUrlPatterns("/api/v1/*");
        registration.setName("inviteIdempotencyKeyGuard");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 12);
        return registration;
    }

    /**
     * Puts {@link ProblemJsonErrorReportValve} in place of the host's error report valves (Tomcat's default and
     * the one Boot adds), once the host has added its own, so no HTML page is left to answer first.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> inviteProblemJsonErrorReports() {
        return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                replaceErrorReportValves(context.getParent());
            }
        }));
    }

    private static void replaceErrorReportValves(Container host) {
        boolean present = false;
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ProblemJsonErrorReportValve) {
                present = true;
            } else if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        if (!present) {
            host.getPipeline().addValve(new ProblemJsonErrorReportValve());
        }
    }
}
