package io.roster.contracts.imports;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountTemplate;

/**
 * Event {@code import.completed.v1} on {@code roster.activity}: an import job of import-worker ended, with its
 * counts; keyed {@code workspaceId/importId}. The envelope's actor is the admin key that uploaded the file.
 */
@JsonClassDescription("An import of a Users or Contacts file ended (completed, or failed as a whole), with its counts; "
        + "the envelope's actor is the admin key that uploaded the file.")
public record ImportCompleted(
        String importId,
        AccountTemplate template,
        Mode mode,
        @JsonPropertyDescription("The name the file was uploaded under")
        String fileName,
        Outcome outcome,
        @JsonPropertyDescription("Data rows read from the file")
        long rowsRead,
        @JsonPropertyDescription("Rows that passed every rule")
        long rowsValid,
        @JsonPropertyDescription("Rows refused by a rule, before any was applied")
        long rowsInvalid,
        @JsonPropertyDescription("Accounts created from the file's rows")
        long accountsCreated,
        @JsonPropertyDescription("Valid rows refused when applied (a login taken meanwhile)")
        long rowsFailed,
        @JsonPropertyDescription("Why the whole file was refused, when outcome is FAILED")
        String error) implements Payload {

    public enum Mode { DRY_RUN, IMPORT }

    public enum Outcome { COMPLETED, FAILED }

    @Override
    public String subject() {
        return importId;
    }
}
