package io.roster.contracts.bucket;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.account.AccountCommand;

/** Command {@code bucket.create.v1}: register a bucket accounts and invitations may then be granted. */
@JsonClassDescription("Register a bucket in the workspace: accounts and invitations may then be granted access to it. "
        + "Names are 3-63 lowercase letters, digits, dots and hyphens, unique in the workspace. The outcome is "
        + "bucket.created.v1 or account.request-rejected.v1.")
public record CreateBucket(String name) implements AccountCommand {

    @Override
    public String subject() {
        return name;
    }
}
