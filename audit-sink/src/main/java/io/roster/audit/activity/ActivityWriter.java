package io.roster.audit.activity;

import io.roster.audit.AuditProperties;
import io.roster.contracts.Envelope;
import io.roster.contracts.account.AccountDeleted;
import io.roster.contracts.invitation.InvitationChanged;
import io.roster.contracts.workspace.WorkspaceFacts;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records described events: their rows appended to their chains and written in one COPY, then what the new ones imply
 * (invitation links, erasure), all in one transaction — which first holds the accounts its entries name
 * ({@link ErasedAccounts}), so that an entry of an account erased before, or while, it is recorded is pseudonymised
 * too. A redelivered event makes the COPY fail on the key (event id,
 * occurred at): the batch is then written again without the rows recorded already, found once the chains' heads
 * are locked, before anything is chained.
 */
@Component
public class ActivityWriter {

    private static final Logger log = LoggerFactory.getLogger(ActivityWriter.class);

    private final ActivityRows rows;
    private final ActivityLogRepository repository;
    private final ActivityPartitions partitions;
    private final TransactionTemplate transactions;
    private final AuditProperties properties;
    private final Clock clock;
    private final List<ErasureObserver> erasureObservers;
    private final ErasedAccounts erasedAccounts;

    ActivityWriter(ActivityRows rows, ActivityLogRepository repository, ActivityPartitions partitions,
            TransactionTemplate transactions, AuditProperties properties, @Qualifier("auditClock") Clock clock,
            List<ErasureObserver> erasureObservers, ErasedAccounts erasedAccounts) {
        this.erasureObservers = List.copyOf(erasureObservers);
        this.erasedAccounts = erasedAccounts;
        this.rows = rows;
        this.repository = repository;
        this.partitions = partitions;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** One described event, and the shard of its workspace's chains it joins ({@link ChainShard}). */
    public record Described(Envelope<?> event, ActivityRow row, int shard) {
    }

    /**
     * Describes an event read from a Kafka partition for {@link #write}, in that partition's chain; null when its
     * type has no description.
     */
    public static Described describe(Envelope<?> event, int partition, io.roster.contracts.EnvelopeCodec codec) {
        ActivityDescription d = ActivityDescription.of(event);
        return d == null ? null
                : new Described(event, ActivityRow.of(event, d, codec), ChainShard.ofPartition(partition));
    }

    /** Describes an event audit-sink makes itself (an export), in its own chain; null without a description. */
    public static Described describe(Envelope<?> event, io.roster.contracts.EnvelopeCodec codec) {
        ActivityDescription d = ActivityDescription.of(event);
        return d == null ? null : new Described(event, ActivityRow.of(event, d, codec), ChainShard.OWN);
    }

    /**
     * Describes a workspace's facts against the previous ones known here (null: none); null when they did not
     * change, as when invite-service republishes them at its start-up. In audit-sink's own chain: the facts are
     * state that audit-sink compares, one record at a time.
     */
    public static Described describeFacts(Envelope<?> event, WorkspaceFacts previous,
            io.roster.contracts.EnvelopeCodec codec) {
        ActivityDescription d = ActivityDescription.workspace(previous, (WorkspaceFacts) event.payload());
        return d == null ? null : new Described(event, ActivityRow.of(event, d, codec), ChainShard.OWN);
    }

    /** Writes the events; returns how many were new. */
    public int write(List<Described> events) {
        Instant horizon = clock.instant().minus(properties.retention());
        // one row per key: the same event twice in a batch is recorded once
        Map<RowKey, Described> kept = new LinkedHashMap<>();
        Set<java.time.LocalDate> days = new TreeSet<>();
        for (Described e : events) {
            // its day's partition is gone or about to go: recording it now would only bring the address back
            if (e.row().occurredAt().isBefore(horizon)) {
                log.warn("event {} of {} occurred at {}, before the retention horizon: not recorded",
                        e.row().eventId(), e.row().workspaceId(), e.row().occurredAt());
                continue;
            }
            kept.putIfAbsent(e.row().key(), e);
            days.add(ActivityPartitions.dayOf(e.row().occurredAt()));
        }
        partitions.ensure(days);
        List<ActivityRows.Entry> batch = kept.values().stream()
                .map(e -> new ActivityRows.Entry(e.row(), e.shard())).toList();
        Set<ErasedAccounts.Account> named = named(kept.values());
        Set<ErasedAccounts.Account> erasing = erasing(kept.values());
        try {
            return transactions.execute(status -> {
                Map<ErasedAccounts.Account, String> erasedBefore = erasedAccounts.hold(named, erasing);
                rows.append(batch);
                kept.values().forEach(e -> applied(e.event()));
                eraseLate(erasedBefore, erasing);
                return batch.size();
            });
        } catch (DuplicateKeyException redelivered) {
            // one of them at least is recorded already (rare: a redelivery after a failure): the others only
            return transactions.execute(status -> {
                Map<ErasedAccounts.Account, String> erasedBefore = erasedAccounts.hold(named, erasing);
                Set<RowKey> appended = rows.appendNew(batch);
                for (Described e : kept.values()) {
                    if (appended.contains(e.row().key())) {
                        applied(e.event());
                    }
                }
                eraseLate(erasedBefore, erasing);
                return appended.size();
            });
        }
    }

    /** The accounts the entries name, as an erasure finds them: by their account or their subject. */
    private static Set<ErasedAccounts.Account> named(Collection<Described> events) {
        Set<ErasedAccounts.Account> named = new HashSet<>();
        for (Described e : events) {
            ActivityRow row = e.row();
            if (row.accountId() != null) {
                named.add(new ErasedAccounts.Account(row.workspaceId(), row.accountId()));
            }
            if (row.subject() != null) {
                named.add(new ErasedAccounts.Account(row.workspaceId(), row.subject()));
            }
        }
        return named;
    }

    /** The accounts whose deletion is among the events. */
    private static Set<ErasedAccounts.Account> erasing(Collection<Described> events) {
        Set<ErasedAccounts.Account> erasing = new HashSet<>();
        for (Described e : events) {
            if (e.event().payload() instanceof AccountDeleted deleted) {
                erasing.add(new ErasedAccounts.Account(e.event().workspaceId(), deleted.accountId()));
            }
        }
        return erasing;
    }

    /**
     * Entries of accounts erased before this transaction (an event from another partition than the deletion's,
     * or redelivered): pseudonymised now, as the erasure did the others, with their own signed marker.
     */
    private void eraseLate(Map<ErasedAccounts.Account, String> erasedBefore, Set<ErasedAccounts.Account> erasing) {
        erasedBefore.forEach((account, pseudonym) -> {
            if (!erasing.contains(account)) {
                erased(account.workspaceId(),
                        repository.pseudonymize(account.workspaceId(), account.accountId(), pseudonym));
            }
        });
    }

    /**
     * A deletion pseudonymises the account's entries and those of the invitation it was created from: the
     * acceptance links the two, so no address has to travel with the deletion.
     */
    private void applied(Envelope<?> event) {
        if (event.payload() instanceof InvitationChanged invitation) {
            if (invitation.change() == InvitationChanged.Change.ACCEPTED && invitation.accountId() != null) {
                repository.linkInvitation(event.workspaceId(), invitation.invitationId(), invitation.accountId());
            }
            // An entry of an invitation whose account is deleted already (it arrived late): erased at once.
            repository.erasedPseudonym(event.workspaceId(), invitation.invitationId()).ifPresent(pseudonym ->
                    erased(event.workspaceId(), repository.pseudonymizeInvitation(event.workspaceId(),
                            invitation.invitationId(), pseudonym)));
        } else if (event.payload() instanceof AccountDeleted deleted) {
            erasedAccounts.mark(new ErasedAccounts.Account(event.workspaceId(), deleted.accountId()),
                    deleted.pseudonymousId());
            erased(event.workspaceId(),
                    repository.pseudonymize(event.workspaceId(), deleted.accountId(), deleted.pseudonymousId()));
        }
    }

    private void erased(String workspaceId, List<RowKey> rows) {
        if (!rows.isEmpty()) {
            erasureObservers.forEach(o -> o.erased(workspaceId, rows));
        }
    }
}
