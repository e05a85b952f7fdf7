package io.roster.importer.job;

/** Where a job stands; the first four are worked on in slices, the last two are final. */
public enum JobPhase {
    /** Reading the file: each row converted and checked alone, its keys stored. */
    READING,
    /** The checks between rows and against existing accounts, set-wise in SQL. */
    CHECKING,
    /** Valid rows becoming create commands, sent to Kafka slice by slice (see CommandSender). */
    APPLYING,
    /** Every command sent; waiting for invite-service's answers. */
    AWAITING_OUTCOMES,
    COMPLETED,
    /** The file as a whole could not be imported. */
    FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED;
    }
}
