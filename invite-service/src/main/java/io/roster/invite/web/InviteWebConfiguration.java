package io.roster.invite.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class InviteWebConfiguration implements WebMvcConfigurer {

    private final io.roster.invite.session.SessionAuthentication sessions;

    InviteWebConfiguration(io.roster.invite.session.SessionAuthentication sessions) {
        this.sessions = sessions;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(sessions).addPathPatterns("/api/v1/me", "/api/v1/me/**", "/api/v1/sessions/current");
    }
}
