package io.roster.contracts.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Rejections never repeat unbounded input. A gzip-compressed create-user with a 1.2-million-character
 * mailLanguage got a rejection quoting it whole: over the producer's 1 MB limit, it stopped the outbox relay, and
 * with it every workspace's events.
 */
class RejectionBoundsTest {

    static final String HUGE = "x".repeat(1_200_000);

    @Test
    void anInvalidValueIsQuotedByItsBeginningAndItsLength() {
        var result = AccountValidator.validateUser(AccountValidatorTest.user("mailLanguage", HUGE),
                AccountValidatorTest.PLAIN);

        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("mailLanguage");
            assertThat(problem.code()).isEqualTo("invalid_value");
            assertThat(problem.message()).startsWith("must be one of ")
                    .contains(" (was '" + "x".repeat(FieldProblem.QUOTED_MAX) + "…' (1200000 characters))")
                    .hasSizeLessThan(400);
        });
    }

    @Test
    void anInvalidBucketNameIsQuotedByItsBeginningAndItsLength() {
        var result = AccountValidator.validateUser(AccountValidatorTest.user("buckets", List.of(HUGE)),
                AccountValidatorTest.PLAIN);

        assertThat(result.problems()).singleElement().satisfies(problem -> assertThat(problem.message())
                .endsWith("…' (1200000 characters))").hasSizeLessThan(400));
    }

    @Test
    void aShortValueIsQuotedWhole() {
        assertThat(FieldProblem.quote("fr-CA")).isEqualTo("'fr-CA'");
        assertThat(FieldProblem.quote(null)).isEqualTo("'null'");
        // Never half of a character outside the BMP.
        String emoji = "a".repeat(FieldProblem.QUOTED_MAX - 1) + "\uD83D\uDE00" + "b";
        assertThat(FieldProblem.quote(emoji)).startsWith("'" + "a".repeat(FieldProblem.QUOTED_MAX - 1) + "…'");
    }

    @Test
    void aMessageIsCutToItsMaximumWhateverItQuotes() {
        String message = "no account '" + HUGE + "'";
        FieldProblem problem = new FieldProblem("accountId", "not_found", message);

        assertThat(problem.message()).startsWith("no account 'xxx")
                .endsWith("x… (" + message.length() + " characters)")
                .hasSize(FieldProblem.MESSAGE_MAX + ("… (" + message.length() + " characters)").length());
    }

    @Test
    void aFieldNameIsCutAsWell() {
        FieldProblem problem = new FieldProblem(HUGE, "unknown_field", "is not a field of account.create-user.v1");

        assertThat(problem.field()).startsWith("xxx").endsWith("x… (1200000 characters)")
                .hasSizeLessThan(FieldProblem.QUOTED_MAX + 30);
    }

    @Test
    void aRejectionStaysSmallWhateverTheRequest() {
        List<FieldProblem> problems = new ArrayList<>();
        IntStream.range(0, 100_000).forEach(i -> problems.add(new FieldProblem("buckets", "invalid_value",
                "bucket names are 3-63 lowercase letters (was " + FieldProblem.quote(HUGE) + ")")));
        AccountRequestRejected rejected = new AccountRequestRejected("account.create-user.v1", HUGE, problems);

        assertThat(rejected.subject()).hasSizeLessThan(AccountRequestRejected.SUBJECT_MAX + 30);
        assertThat(rejected.problems()).hasSize(AccountRequestRejected.PROBLEMS_MAX);
        assertThat(rejected.problems().get(AccountRequestRejected.PROBLEMS_MAX - 1))
                .isEqualTo(new FieldProblem(null, "too_many_problems", "99901 more problems not listed"));
        byte[] event = new EnvelopeCodec().write(Envelope.of("acme", "req-1", Actor.system("test"), rejected));
        assertThat(event.length).isLessThan(64 * 1024);
    }
}
