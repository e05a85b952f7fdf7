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

    @Override
    public String subject() {
        return subject;
    }
}
