package io.roster.invite.mail;

import io.roster.contracts.account.MailLanguage;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Mail texts in the ten mail languages, from {@code mail/messages_<lang>.properties}. */
@Component
class MailTemplates {

    record Mail(String subject, String body) {
    }

    /** Line breaks and other control characters: in an argument they would add lines, or headers, to a mail. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]+");

    /**
     * Text arguments are flattened to one line first: the rules keep control characters out of names, but a
     * value stored before a rule existed must not be able to inject lines into a mail's subject or body either.
     */
    Mail render(String template, MailLanguage language, Object... values) {
        Object[] arguments = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            arguments[i] = values[i] instanceof CharSequence text ? CONTROL.matcher(text).replaceAll(" ") : values[i];
        }
        ResourceBundle bundle = ResourceBundle.getBundle("mail.messages", language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new Mail(format(bundle.getString(template + ".subject"), language, arguments),
                format(bundle.getString(template + ".body"), language, arguments));
    }

    private static String format(String pattern, MailLanguage language, Object... arguments) {
        return new MessageFormat(pattern, language.locale()).format(arguments);
    }
}
