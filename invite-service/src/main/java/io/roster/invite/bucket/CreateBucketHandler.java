package io.roster.invite.bucket;

import io.roster.contracts.account.AccountValidator;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.bucket.BucketCreated;
import io.roster.contracts.bucket.CreateBucket;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.CommandHandler;
import io.roster.invite.pipeline.Decision;
import org.springframework.stereotype.Component;

/** {@code bucket.create.v1}, from REST and Kafka alike. */
@Component
class CreateBucketHandler implements CommandHandler<CreateBucket> {

    private final BucketRegistry buckets;

    CreateBucketHandler(BucketRegistry buckets) {
        this.buckets = buckets;
    }

    @Override
    public Class<CreateBucket> payloadType() {
        return CreateBucket.class;
    }

    @Override
    public Decision decide(Command<CreateBucket> command) {
        String name = command.payload().name();
        if (name == null || name.isBlank()) {
            return Decision.refused(new FieldProblem("name", "required", "the bucket name is required"));
        }
        if (!AccountValidator.isBucketName(name)) {
            return Decision.refused(new FieldProblem("name", "invalid_value",
                    AccountValidator.BUCKET_NAME_RULE + " (was " + FieldProblem.quote(name) + ")"));
        }
        if (!buckets.register(command.workspaceId(), name, command.actor())) {
            return Decision.refused(new FieldProblem("name", "duplicate",
                    "a bucket '" + name + "' exists in this workspace"));
        }
        return Decision.accepted(null, new BucketCreated(name));
    }
}
