package io.roster.contracts;

/** A record that cannot be decoded as a Roster message: it belongs on the dead-letter topic, never retried. */
public class InvalidMessageException extends RuntimeException {

    public InvalidMessageException(String message) {
        super(message);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
