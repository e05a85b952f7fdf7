package io.roster.contracts.bucket;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.Payload;

/** Event {@code bucket.deleted.v1}. */
@JsonClassDescription("A bucket was removed from the workspace; no account or pending invitation used it.")
public record BucketDeleted(String name) implements Payload {

    @Override
    public String subject() {
        return name;
    }
}
