package io.roster.contracts.bucket;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.Payload;

/** Event {@code bucket.created.v1}: the envelope's actor is who created it. */
@JsonClassDescription("A bucket was registered in the workspace; the envelope's actor created it.")
public record BucketCreated(String name) implements Payload {

    @Override
    public String subject() {
        return name;
    }
}
