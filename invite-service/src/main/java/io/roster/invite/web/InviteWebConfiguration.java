package io.roster.invite.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class InviteWebConfiguration implements WebMvcConfigurer {

    private final AdminAuthentication authentication;

    InviteWebConfiguration(AdminAuthentication authentication) {
        this.authentication = authentication;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(authentication).addPathPatterns("/api/v1/workspaces/*/**");
    }
}
