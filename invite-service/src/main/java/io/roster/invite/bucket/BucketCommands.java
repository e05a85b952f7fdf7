package io.roster.invite.bucket;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountValidator;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.bucket.BucketCreated;
import io.roster.contracts.bucket.BucketDeleted;
import io.roster.contracts.bucket.CreateBucket;
import io.roster.contracts.bucket.DeleteBucket;
import io.roster.invite.workspace.Workspace;
import io.roster.invite.workspace.WorkspaceCommand;
import org.springframework.stereotype.Component;

/**
 * {@code bucket.create.v1} and {@code bucket.delete.v1}, from REST and Kafka alike. A bucket still granted to an
 * account or a pending invitation is not deleted: removing it from them silently would change their access.
 */
@Component
class BucketCommands implements WorkspaceCommand {

    private final BucketRegistry buckets;

    BucketCommands(BucketRegistry buckets) {
        this.buckets = buckets;
    }

    @Override
    public boolean handles(Payload payload) {
        return payload instanceof CreateBucket || payload instanceof DeleteBucket;
    }

    @Override
    public Result apply(Envelope<? extends Payload> command, Workspace workspace) {
        if (command.payload() instanceof CreateBucket create) {
            return create(command, create.name(), workspace);
        }
        return delete(command, ((DeleteBucket) command.payload()).name(), workspace);
    }

    private Result create(Envelope<? extends Payload> command, String name, Workspace workspace) {
        if (name == null || name.isBlank()) {
            return Result.refused(new FieldProblem("name", "required", "the bucket name is required"));
        }
        if (!AccountValidator.isBucketName(name)) {
            return Result.refused(new FieldProblem("name", "invalid_value",
                    AccountValidator.BUCKET_NAME_RULE + " (was " + FieldProblem.quote(name) + ")"));
        }
        if (!buckets.register(workspace.id(), name, command.actor())) {
            return Result.refused(new FieldProblem("name", "duplicate", "a bucket '" + name + "' exists in this workspace"));
        }
        return Result.done(new BucketCreated(name));
    }

    private Result delete(Envelope<? extends Payload> command, String name, Workspace workspace) {
        BucketView bucket = name == null ? null : buckets.findForDeletion(workspace.id(), name).orElse(null);
        if (bucket == null) {
            return Result.refused(new FieldProblem("name", "not_found", "no bucket '" + name + "' in this workspace"));
        }
        if (bucket.accounts() + bucket.pendingInvitations() > 0) {
            return Result.refused(new FieldProblem("name", "bucket_in_use", "bucket '" + name + "' is granted to "
                    + bucket.accounts() + " account(s) and " + bucket.pendingInvitations()
                    + " pending invitation(s); remove it from them first"));
        }
        buckets.delete(workspace.id(), name);
        return Result.done(new BucketDeleted(name));
    }
}
