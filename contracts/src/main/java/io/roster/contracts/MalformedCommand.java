package io.roster.contracts;

import io.roster.contracts.account.FieldProblem;
import java.util.List;

/**
 * A command whose envelope was readable but whose payload the schema of its type refuses (a field of the wrong
 * JSON type, an unknown field): not a wire type of its own, but what {@link EnvelopeCodec} hands over in
 * {@link InvalidPayloadException#command()} so the receiver can answer the sender with a rejection naming the
 * fields, instead of dead-lettering a request its sender can correct.
 *
 * @param subject what the command was about, as far as the readable fields tell (login, email or account id)
 * @param problems every field at fault
 */
public record MalformedCommand(String subject, List<FieldProblem> problems) implements Payload {

    public MalformedCommand {
        problems = List.copyOf(problems);
    }
}
