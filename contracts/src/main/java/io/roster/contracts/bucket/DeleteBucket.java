package io.roster.contracts.bucket;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.account.AccountCommand;

/** Command {@code bucket.delete.v1}: refused while accounts or pending invitations still use the bucket. */
@JsonClassDescription("Remove a bucket from the workspace. Refused (bucket_in_use) while accounts or pending "
        + "invitations are granted it. The outcome is bucket.deleted.v1 or account.request-rejected.v1.")
public record DeleteBucket(String name) implements AccountCommand {

    @Override
    public String subject() {
        return name;
    }
}
