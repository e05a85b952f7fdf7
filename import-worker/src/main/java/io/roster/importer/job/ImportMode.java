package io.roster.importer.job;

/** What a job does with the valid rows. */
public enum ImportMode {
    /** Every check, no account written. */
    DRY_RUN,
    /** Every check, then each valid row becomes a create command. */
    IMPORT
}
