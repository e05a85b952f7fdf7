package io.roster.contracts;

import io.roster.contracts.account.FieldProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A command whose envelope is readable (type, ids, workspace) but whose payload does not match its type: the
 * sender can be answered, with every field at fault. Still an {@link InvalidMessageException}, so a reader that
 * cannot answer (a tool, a test) treats it as any undecodable record.
 */
public class InvalidPayloadException extends InvalidMessageException {

    private final transient Envelope<Payload> command;

    public InvalidPayloadException(Envelope<Payload> command, List<FieldProblem> problems, Throwable cause) {
        super("payload does not match " + command.type() + ": " + describe(problems), cause);
        this.command = command;
    }

    /**
     * The command as far as it could be read: its envelope, with a {@link MalformedCommand} — the subject and the
     * problems — in place of the payload.
     */
    public Envelope<Payload> command() {
        return command;
    }

    public List<FieldProblem> problems() {
        return ((MalformedCommand) command.payload()).problems();
    }

    private static String describe(List<FieldProblem> problems) {
        return problems.stream().map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; "));
    }
}
