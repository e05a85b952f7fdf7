package io.roster.invite.bucket;

import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.bucket.BucketDeleted;
import io.roster.contracts.bucket.DeleteBucket;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.CommandHandler;
import io.roster.invite.pipeline.Decision;
import org.springframework.stereotype.Component;

/**
 * {@code bucket.delete.v1}, from REST and Kafka alike. A bucket still granted to an account or a pending invitation
 * is not deleted: removing it from them silently would change their access.
 */
@Component
class DeleteBucketHandler implements CommandHandler<DeleteBucket> {

    private final BucketRegistry buckets;

    DeleteBucketHandler(BucketRegistry buckets) {
        this.buckets = buckets;
    }

    @Override
    public Class<DeleteBucket> payloadType() {
        return DeleteBucket.class;
    }

    @Override
    public Decision decide(Command<DeleteBucket> command) {
        String name = command.payload().name();
        BucketView bucket = name == null ? null : buckets.findForDeletion(command.workspaceId(), name).orElse(null);
        if (bucket == null) {
            return Decision.refused(new FieldProblem("name", "not_found",
                    "no bucket '" + name + "' in this workspace"));
        }
        if (bucket.accounts() + bucket.pendingInvitations() > 0) {
            return Decision.refused(new FieldProblem("name", "bucket_in_use", "bucket '" + name + "' is granted to "
                    + bucket.accounts() + " account(s) and " + bucket.pendingInvitations()
                    + " pending invitation(s); remove it from them first"));
        }
        buckets.delete(command.workspaceId(), name);
        return Decision.accepted(null, new BucketDeleted(name));
    }
}
