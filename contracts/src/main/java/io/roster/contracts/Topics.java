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

    /** Suffix of the dead-letter topics: {@code roster.account.requests.DLT}. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    public static final List<String> ALL = List.of(ACCOUNT_REQUESTS, ACCOUNT_EVENTS, ACTIVITY);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
