package io.roster.invite.mail;

import io.roster.contracts.account.MailLanguage;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import org.springframework.stereotype.Component;

/** Mail texts in the ten mail languages, from {@code mail/messages_<lang>.properties}. */
@Component
class MailTemplates {

    record Mail(String subject, String body) {
    }

    Mail render(String template, MailLanguage language, Object... arguments) {
        ResourceBundle bundle = ResourceBundle.getBundle("mail.messages", language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new Mail(format(bundle.getString(template + ".subject"), language, arguments),
                format(bundle.getString(template + ".body"), language, arguments));
    }

    private static String format(String pattern, MailLanguage language, Object... arguments) {
        return new MessageFormat(pattern, language.locale()).format(arguments);
    }
}
