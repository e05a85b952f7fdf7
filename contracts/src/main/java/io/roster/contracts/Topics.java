package io.roster.contracts;

import java.util.List;

/** Every Kafka topic Roster uses: the one place their names are spelled. */
public final class Topics {

    /** Commands from upstream systems, the import worker and the scheduler. */
    public static final String ACCOUNT_REQUESTS = "roster.account.requests";
    /** Facts that happened to accounts, including rejected requests. */
    public static final String ACCOUNT_EVENTS = "roster.account.events";
    /** Sign-ins, exports and other activity for the activity log. */
    public static final String ACTIVITY = "roster.activity";
    /**
     * Admin access keys issued and revoked, keyed {@code workspaceId/keyId}. Compacted rather than deleted after
     * a retention time: the latest event of every key stays, so a service can rebuild its key table from it.
     */
    public static final String ACCESS_KEYS = "roster.access-keys";

    /** Suffix of the dead-letter topics: {@code roster.account.requests.DLT}. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    public static final List<String> ALL = List.of(ACCOUNT_REQUESTS, ACCOUNT_EVENTS, ACTIVITY, ACCESS_KEYS);

    /** Topics whose cleanup policy is {@code compact}: they hold state, not history. */
    public static final List<String> COMPACTED = List.of(ACCESS_KEYS);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
