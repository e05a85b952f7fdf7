package io.roster.contracts.workspace;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.roster.contracts.account.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * A workspace's automatic suspension and expiry (the seed's "criteria set in the Settings section" that accounts of
 * EXPIRATION_MODE DEFAULT follow). Each number of days is 0 (or absent) when its rule is off; absent as a whole, all
 * are off.
 *
 * @param suspendAfterDays an ACTIVE account not signed in for this many days becomes INACTIVE
 * @param expireAfterDays an INACTIVE account suspended for this many days becomes CLOSED
 * @param warnDaysBefore the account's owner is mailed this many days before an automatic suspension
 */
@JsonClassDescription("Automatic suspension and expiry of the workspace's accounts whose EXPIRATION_MODE is DEFAULT "
        + "and that are not marked preventAutomaticSuspension. Each number of days is 0 or absent when its rule is off.")
public record AutomaticSuspension(
        @JsonPropertyDescription("0-3650: an ACTIVE account not signed in for this many days (counted from its last "
                + "sign-in, or from when it became ACTIVE if later) becomes INACTIVE; 0 = never")
        Integer suspendAfterDays,
        @JsonPropertyDescription("0-3650: an INACTIVE account suspended for this many days becomes CLOSED; 0 = never")
        Integer expireAfterDays,
        @JsonPropertyDescription("0 to suspendAfterDays - 1: the account's owner is mailed this many days before an "
                + "automatic suspension; 0 = no warning")
        Integer warnDaysBefore) {

    /** The longest period of each rule, in days (ten years). */
    public static final int MAX_DAYS = 3650;

    /** Every rule off. */
    public static final AutomaticSuspension OFF = new AutomaticSuspension(0, 0, 0);

    /** Absent numbers are 0: that rule is off. */
    public AutomaticSuspension {
        suspendAfterDays = suspendAfterDays == null ? 0 : suspendAfterDays;
        expireAfterDays = expireAfterDays == null ? 0 : expireAfterDays;
        warnDaysBefore = warnDaysBefore == null ? 0 : warnDaysBefore;
    }

    /** {@code value}, or {@link #OFF} when absent (a producer from before these settings existed). */
    public static AutomaticSuspension orOff(AutomaticSuspension value) {
        return value == null ? OFF : value;
    }

    /** Whether any rule is on. */
    @JsonIgnore
    public boolean isOn() {
        return suspendAfterDays > 0 || expireAfterDays > 0;
    }

    /**
     * What is wrong with these settings, each problem naming its field under {@code prefix} (such as
     * {@code automaticSuspension.}): numbers out of 0..{@link #MAX_DAYS}, a warning without a suspension, or not
     * before it.
     */
    public List<FieldProblem> problems(String prefix) {
        List<FieldProblem> problems = new ArrayList<>();
        range(prefix + "suspendAfterDays", suspendAfterDays, problems);
        range(prefix + "expireAfterDays", expireAfterDays, problems);
        range(prefix + "warnDaysBefore", warnDaysBefore, problems);
        if (warnDaysBefore > 0 && suspendAfterDays == 0) {
            problems.add(new FieldProblem(prefix + "warnDaysBefore", "requires_suspension",
                    "a warning needs an automatic suspension: set suspendAfterDays too, or warnDaysBefore to 0"));
        } else if (warnDaysBefore > 0 && warnDaysBefore >= suspendAfterDays) {
            problems.add(new FieldProblem(prefix + "warnDaysBefore", "not_before_suspension",
                    "must be less than suspendAfterDays (" + suspendAfterDays + "): the warning comes before the"
                            + " suspension"));
        }
        return problems;
    }

    private static void range(String field, int days, List<FieldProblem> problems) {
        if (days < 0 || days > MAX_DAYS) {
            problems.add(new FieldProblem(field, "out_of_range",
                    "must be between 0 (off) and " + MAX_DAYS + " days (was " + days + ")"));
        }
    }
}
