package io.roster.invite.session;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** A user's own endpoints take a session token (admins' endpoints take an access key: the admin-access module). */
@Configuration(proxyBeanMethods = false)
class SessionWebConfiguration implements WebMvcConfigurer {

    private final SessionAuthentication sessions;

    SessionWebConfiguration(SessionAuthentication sessions) {
        this.sessions = sessions;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(sessions).addPathPatterns("/api/v1/me", "/api/v1/me/**", "/api/v1/sessions/current");
    }
}
