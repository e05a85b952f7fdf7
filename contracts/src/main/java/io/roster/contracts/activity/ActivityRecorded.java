package io.roster.contracts.activity;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.AllowedValues;
import io.roster.contracts.Payload;

/**
 * Event {@code activity.recorded.v1} on {@code roster.activity}: something a person did that the activity log
 * shows (sign-in, sign-out, failed sign-in, lockout, log export...). The envelope's actor carries the client IP.
 *
 * @param action what happened
 * @param accountId the account concerned, when known
 * @param login the login used, when known (failed sign-ins)
 * @param detail a short free text
 */
@JsonClassDescription("Something a person did that the activity log shows (sign-in, sign-out, failed sign-in, "
        + "lockout, log export...). The envelope's actor carries the client IP.")
public record ActivityRecorded(@AllowedValues(ActivityAction.class) String action, String accountId, String login,
        String detail) implements Payload {

    /** The account, else the login; neither for an activity about no account (a log export): null, not "null". */
    @Override
    public String subject() {
        return accountId != null ? accountId : login;
    }
}
