package io.roster.invite.pipeline;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCheck;
import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.FieldProblem;
import io.roster.invite.workspace.Workspace;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A command as its handler sees it: the envelope, its workspace (locked or read, as the handler asked), how its
 * outcome reaches the sender, and what the request log needs to record its outcome.
 */
public final class Command<P extends Payload> {

    private final Envelope<P> envelope;
    private final Workspace workspace;
    private final Reply reply;
    private final byte[] fingerprint;

    Command(Envelope<P> envelope, Workspace workspace, Reply reply, byte[] fingerprint) {
        this.envelope = envelope;
        this.workspace = workspace;
        this.reply = reply;
        this.fingerprint = fingerprint;
    }

    public Envelope<P> envelope() {
        return envelope;
    }

    public P payload() {
        return envelope.payload();
    }

    public Workspace workspace() {
        return workspace;
    }

    public String workspaceId() {
        return envelope.workspaceId();
    }

    public String requestId() {
        return envelope.requestId();
    }

    public Actor actor() {
        return envelope.actor();
    }

    public Reply reply() {
        return reply;
    }

    /** The event answering this command: same workspace, request id and actor. */
    public <E extends Payload> Envelope<E> answer(E event, Instant at) {
        return envelope.answer(event, at);
    }

    /** The {@code account.request-rejected.v1} refusing this command with every problem. */
    public Envelope<AccountRequestRejected> rejection(List<FieldProblem> problems, Instant at) {
        // The subject is the record key's second half: a NUL in it (a login, say) would fail the outbox row.
        return envelope.answer(new AccountRequestRejected(envelope.type(),
                EnvelopeCheck.printable(envelope.payload().subject()), problems), at);
    }

    /** The request log's entry for this command accepted (about {@code accountId}, if it concerns one). */
    public RequestLog.Entry accepted(UUID accountId) {
        return entry(RequestLog.Verdict.ACCEPTED, accountId);
    }

    /** The request log's entry for this command rejected. */
    public RequestLog.Entry rejected() {
        return entry(RequestLog.Verdict.REJECTED, null);
    }

    private RequestLog.Entry entry(RequestLog.Verdict verdict, UUID accountId) {
        return new RequestLog.Entry(envelope.workspaceId(), envelope.requestId(), envelope.type(), verdict, accountId,
                fingerprint);
    }

    byte[] fingerprint() {
        return fingerprint;
    }

    Command<P> in(Workspace locked) {
        return new Command<>(envelope, locked, reply, fingerprint);
    }
}
