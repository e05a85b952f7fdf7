package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.Payload;
import java.util.List;

/**
 * Event {@code account.request-rejected.v1}: a command was refused; nothing was written. The envelope's
 * requestId is the command's, so the requester can correlate.
 *
 * @param requestType the refused command's type, e.g. {@code account.create-user.v1}
 * @param subject what the command was about (login, email or account id)
 * @param problems every reason, field by field where a field is at fault
 */
@JsonClassDescription("A command was refused and nothing was written. The envelope's requestId is the command's, so "
        + "the requester can correlate; problems lists every reason, field by field where a field is at "
        + "fault.")
public record AccountRequestRejected(String requestType, String subject, List<FieldProblem> problems)
        implements Payload {

    /**
     * The most problems a rejection lists; beyond, the last one says how many more there were. A command listing
     * a million invalid bucket names got a million problems: an event no producer sends, and no answer at all.
     */
    public static final int PROBLEMS_MAX = 100;
    /** The longest subject kept whole (a valid one is at most an address's 254 characters). */
    public static final int SUBJECT_MAX = 256;

    public AccountRequestRejected {
        subject = FieldProblem.cut(subject, SUBJECT_MAX);
        if (problems != null && problems.size() > PROBLEMS_MAX) {
            List<FieldProblem> listed = new java.util.ArrayList<>(problems.subList(0, PROBLEMS_MAX - 1));
            listed.add(new FieldProblem(null, "too_many_problems",
                    (problems.size() - listed.size()) + " more problems not listed"));
            problems = List.copyOf(listed);
        }
    }

    @Override
    public String subject() {
        return subject;
    }
}
