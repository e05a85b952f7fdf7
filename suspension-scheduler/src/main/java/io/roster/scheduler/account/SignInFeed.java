package io.roster.scheduler.account;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.activity.ActivityAction;
import io.roster.contracts.activity.ActivityRecorded;
import java.time.Instant;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each account's latest sign-in, from {@code roster.activity}: {@code activity.recorded.v1} with action SIGN_IN, which
 * invite-service records when a session opens, after the password alone or after the second factor too (a failed or
 * half-done sign-in — SIGN_IN_FAILED, SECOND_FACTOR_PASSED alone — is no sign-in). The latest only moves forward, so
 * an older event, or the same one twice, changes nothing; no inbox is needed. A newer one moves the account's
 * automatic suspension (and its warning) later.
 */
@Component
class SignInFeed {

    static final String CONSUMER = "suspension-scheduler.sign-ins";

    private final AccountSchedules accounts;
    private final AutomaticTransitions automatic;

    SignInFeed(AccountSchedules accounts, AutomaticTransitions automatic) {
        this.accounts = accounts;
        this.automatic = automatic;
    }

    /** Whether the event is a sign-in of a known account. */
    static boolean isSignIn(Payload payload) {
        return payload instanceof ActivityRecorded activity && ActivityAction.SIGN_IN.name().equals(activity.action())
                && activity.accountId() != null;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.ACTIVITY,
            groupId = "${roster.scheduler.consumer-group:roster-suspension-scheduler}",
            containerFactory = "schedulerListenerContainerFactory")
    @Transactional
    public void onActivity(Envelope<Payload> event) {
        if (isSignIn(event.payload())) {
            signedIn(event.workspaceId(), ((ActivityRecorded) event.payload()).accountId(), event.occurredAt());
        }
    }

    void signedIn(String workspaceId, String accountId, Instant at) {
        AccountSchedule known = accounts.lockOrCreate(workspaceId, accountId);
        AutomaticTransitions.Policy policy = automatic.settingsOf(workspaceId);
        if (known.lastSignInAt() != null && !at.isAfter(known.lastSignInAt())) {
            return;
        }
        AccountSchedule next = known.withLastSignIn(at);
        accounts.save(workspaceId, accountId, next);
        if (automatic.dependsOnTheChange(known, next)) {
            automatic.recompute(workspaceId, accountId, next, policy);
        }
    }
}
