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

    /**
     * The current state of each workspace ({@code workspace.facts.v1}), keyed by the workspace id. Compacted: the
     * latest record of every workspace stays, so a service learns every workspace by reading from the beginning.
     */
    public static final String WORKSPACES = "roster.workspaces";

    /** Suffix of the dead-letter topics: {@code roster.account.requests.DLT}. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    public static final List<String> ALL = List.of(ACCOUNT_REQUESTS, ACCOUNT_EVENTS, ACTIVITY, ACCESS_KEYS,
            WORKSPACES);

    /** Topics whose cleanup policy is {@code compact}: they hold state, not history. */
    public static final List<String> COMPACTED = List.of(ACCESS_KEYS, WORKSPACES);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
