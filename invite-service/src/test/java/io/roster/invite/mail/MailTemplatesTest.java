package io.roster.invite.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.account.MailLanguage;
import org.junit.jupiter.api.Test;

class MailTemplatesTest {

    private final MailTemplates templates = new MailTemplates();

    @Test
    void aWorkspaceNameWithLineBreaksCannotAddLinesToTheInvitation() {
        MailTemplates.Mail mail = templates.render("invitation", MailLanguage.EN,
                "Globex\r\n\r\nPay your licence here: http://evil.example\u2028Bcc: victim@example.com",
                "http://localhost:8080/invitations/abc", "1 Jan 2030");
        assertThat(mail.subject()).doesNotContain("\r", "\n", "\u2028")
                .startsWith("You are invited to join Globex Pay your licence here");
        assertThat(mail.body().lines()).noneMatch(line -> line.startsWith("Pay your licence"))
                .noneMatch(line -> line.startsWith("Bcc:"));
        assertThat(mail.body()).contains("the workspace Globex Pay your licence here: http://evil.example Bcc:");
    }

    @Test
    void ordinaryArgumentsAreUntouched() {
        MailTemplates.Mail mail = templates.render("creation", MailLanguage.EN, "Ada Lovelace", "acme", "ada");
        assertThat(mail.body()).contains("Hello Ada Lovelace,", "workspace acme.", "Your login: ada");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(MailLanguage.class)
    void theSuspensionWarningIsWrittenInEveryLanguage(MailLanguage language) {
        MailTemplates.Mail mail = templates.render(MailKind.SUSPENSION_WARNING.template(), language, "Kim", "Acme",
                "30 Nov 2026 10:00", "Europe/Paris");
        assertThat(mail.subject()).contains("30 Nov 2026 10:00");
        assertThat(mail.body()).contains("Kim", "Acme", "30 Nov 2026 10:00", "Europe/Paris").doesNotContain("{", "}");
        if (language != MailLanguage.EN) {
            assertThat(mail.body()).isNotEqualTo(templates.render(MailKind.SUSPENSION_WARNING.template(),
                    MailLanguage.EN, "Kim", "Acme", "30 Nov 2026 10:00", "Europe/Paris").body());
        }
    }
}
