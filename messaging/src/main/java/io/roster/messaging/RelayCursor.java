package io.roster.messaging;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Where the relay's poll may start: every outbox id up to {@link #position()} has left the outbox (sent or parked)
 * or will never be used. The poll then reads {@code id > position} and no longer walks, at every batch, the index
 * entries of the rows it deleted since the last vacuum — entries no poll can skip while any transaction older than
 * their deletion runs (the heap is visited for each), which with a backlog of a million rows made every read of
 * 1,000 rows cost some 30-60 ms.
 * <p>
 * Ids are drawn in order but committed in any order: an id missing behind the rows read (a gap) may belong to a
 * transaction still running, whose rows must leave before the rows written after them for the same key. The position
 * therefore stops before the first gap. A gap is given up — it was rolled back — once no transaction that may hold it
 * can still run: every transaction running when it was first seen has ended (the snapshot's xmin passed the xmax
 * noted then), and some seconds went by, for the moment between an insert drawing its id and its transaction getting
 * its xid. Once the relay has caught up (a short batch), a poll reads from the outbox's start again, at most once every
 * few seconds ({@link #next}), so that even a row of a gap given up too early leaves the outbox. Not at every short
 * batch: while a sweep writes a million rows, the relay catches up every few batches, and polls from the start — each
 * walking the entries of every row deleted since the last vacuum — cost 72 µs per row relayed (pg_stat_statements,
 * 200,000 suspensions) where reads after the position cost 15. Such a read keeps what the cursor knows: the rows it
 * finds below the position are sent and, as ever, only ids above the highest relayed one can open a gap. A poll reads
 * the gaps and the ids above the highest relayed one ({@link #next}), not the rows relayed between them.
 */
final class RelayCursor {

    /** Ids missing behind the highest id relayed: [from, to], with the snapshot xmax and the time first seen. */
    private record Gap(long from, long to, long xmaxWhenSeen, long seenAtNanos) {
    }

    private final long gapPatienceNanos;
    private final long fromStartIntervalNanos;
    private long highest;
    private final List<Gap> gaps = new ArrayList<>();
    /** A short batch came since the last read from the start. */
    private boolean caughtUp;
    /** A gap was given up since the last read from the start: a row of it may yet be committed below the position. */
    private boolean gaveUp;
    private boolean readFromStartYet;
    private long lastFromStartNanos;

    RelayCursor(java.time.Duration gapPatience) {
        this(gapPatience, gapPatience);
    }

    /**
     * @param gapPatience how long an id missing behind the relayed ones is waited for at least
     * @param fromStartInterval how often, at most, a poll reads from the start once the relay has caught up
     */
    RelayCursor(java.time.Duration gapPatience, java.time.Duration fromStartInterval) {
        this.gapPatienceNanos = gapPatience.toNanos();
        this.fromStartIntervalNanos = fromStartInterval.toNanos();
    }

    /**
     * What a poll reads: the ids in {@code gaps} (ranges [from, to], all below {@code above}) and every id above
     * {@code above}. Not every id above {@link #position()}: between the first gap and the highest id relayed lie the
     * rows relayed since, deleted, whose index entries a read from the position walked again at every poll — and while
     * sweep transactions overlap, a gap behind the highest id is the rule, not the exception (measured: 73 µs per row
     * relayed at 200,000 suspensions, with a read of 246 rows on average costing 18 ms).
     */
    record Read(long above, List<Long> gapFrom, List<Long> gapTo) {

        boolean hasGaps() {
            return !gapFrom.isEmpty();
        }
    }

    /**
     * What the next poll reads at {@code now} ({@link System#nanoTime()}): the gaps and the ids above the highest one
     * relayed, or everything from the start when the relay has caught up, a gap was given up since the last read from
     * the start (else no row can be below the position: every id there left, or is in a gap read by its range), and
     * that read is {@code fromStartInterval} ago. Each read from the start walks the entries of every row deleted
     * since the last vacuum (measured: 60 µs per row relayed at 200,000 suspensions when one came every 5 s).
     */
    Read next(long now) {
        if (caughtUp && gaveUp && (!readFromStartYet || now - lastFromStartNanos >= fromStartIntervalNanos)) {
            caughtUp = false;
            gaveUp = false;
            readFromStartYet = true;
            lastFromStartNanos = now;
            return new Read(0, List.of(), List.of());
        }
        List<Long> from = new ArrayList<>(gaps.size());
        List<Long> to = new ArrayList<>(gaps.size());
        for (Gap gap : gaps) {
            from.add(gap.from());
            to.add(gap.to());
        }
        return new Read(highest, from, to);
    }

    /** The last poll read fewer rows than a batch: the relay has caught up with the writers. */
    void caughtUp() {
        caughtUp = true;
    }

    /** The poll reads ids above this one. */
    long position() {
        return gaps.isEmpty() ? highest : gaps.get(0).from() - 1;
    }

    /**
     * The ids of one committed batch (ascending) have left the outbox — those at or below the highest id relayed fill
     * the gap they were in, if any (a read from the start may find rows below the position); {@code xmax} is the
     * snapshot's xmax taken after the batch was read, {@code now} the current {@link System#nanoTime()}.
     */
    void left(List<Long> ids, long xmax, long now) {
        for (long id : ids) {
            if (id > highest) {
                if (id > highest + 1) {
                    gaps.add(new Gap(highest + 1, id - 1, xmax, now));
                }
                highest = id;
            } else {
                filled(id);
            }
        }
    }

    /** Gives up the gaps whose transactions have all ended ({@code xmin}: the oldest one still running). */
    void expire(long xmin, long now) {
        if (gaps.removeIf(gap -> gap.xmaxWhenSeen() <= xmin && now - gap.seenAtNanos() >= gapPatienceNanos)) {
            gaveUp = true;
        }
    }

    /** From the beginning again, knowing nothing (another relay may have sent rows meanwhile). */
    void reset() {
        highest = 0;
        gaps.clear();
        caughtUp = false;
        gaveUp = false;
    }

    private void filled(long id) {
        for (Iterator<Gap> it = gaps.iterator(); it.hasNext(); ) {
            Gap gap = it.next();
            if (id < gap.from() || id > gap.to()) {
                continue;
            }
            int at = gaps.indexOf(gap);
            it.remove();
            List<Gap> rest = new ArrayList<>(2);
            if (gap.from() < id) {
                rest.add(new Gap(gap.from(), id - 1, gap.xmaxWhenSeen(), gap.seenAtNanos()));
            }
            if (id < gap.to()) {
                rest.add(new Gap(id + 1, gap.to(), gap.xmaxWhenSeen(), gap.seenAtNanos()));
            }
            gaps.addAll(at, rest);
            return;
        }
    }
}
