package io.roster.adminaccess;

import io.roster.messaging.MessagingAutoConfiguration;
import io.roster.messaging.MessagingSupport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The admin-key check, declared once even when several services share a context: the interceptor guards the
 * {@link AdminEndpoints} every service declares, each against its own {@link AdminKeyLookup}.
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
public class AdminAccessAutoConfiguration {

    @Bean
    AdminAccess rosterAdminAccess(MessagingSupport messaging, JdbcClient jdbc,
            PlatformTransactionManager transactionManager) {
        return new AdminAccess(messaging, jdbc, new TransactionTemplate(transactionManager));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Web {

        @Bean
        WebMvcConfigurer rosterAdminKeyCheck(ObjectProvider<AdminEndpoints> endpoints) {
            return new WebMvcConfigurer() {
                @Override
                public void addInterceptors(InterceptorRegistry registry) {
                    registry.addInterceptor(new AdminKeyInterceptor(endpoints.orderedStream().toList()))
                            .addPathPatterns(AdminKeyInterceptor.PATHS);
                }
            };
        }

        @Bean
        AdminKeyProblems rosterAdminKeyProblems() {
            return new AdminKeyProblems();
        }
    }
}
