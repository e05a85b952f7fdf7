package io.roster.importer.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a run of accounts all added to the projection counts, tallied before the one statement that counts it: each
 * workspace's licences taken (its USER accounts not CLOSED), and the answers to import rows — by job for the ids
 * {@code RequestIds} lays out (version 8: the job's 8 bytes, then the variant and the row number), so that the
 * statement finds each job once by those 8 bytes and looks up only the rows of the run that can not count, in the
 * range of row numbers the run answers; any other UUID one by one, as a row staged before that layout (a name-based
 * id) or no row of ours. A request id that is no UUID, or a UUID outside RFC 9562's variant, answers no row.
 */
final class CreationTally {

    private static final int VERSION_8 = 8;
    private static final int RFC_9562_VARIANT = 2;

    /** Licences taken by workspace, in the workspaces' order (the order their rows are locked in). */
    private final Map<String, Long> licences = new TreeMap<>();
    private final Map<JobKey, JobAnswers> jobs = new LinkedHashMap<>();
    private final List<UUID> laidOutIds = new ArrayList<>();
    private final List<String> otherWorkspaces = new ArrayList<>();
    private final List<UUID> otherIds = new ArrayList<>();

    private CreationTally() {
    }

    static CreationTally of(List<ProjectedAccount> added) {
        CreationTally tally = new CreationTally();
        for (ProjectedAccount account : added) {
            tally.add(account);
        }
        return tally;
    }

    private void add(ProjectedAccount account) {
        if (account.holdsLicence()) {
            licences.merge(account.workspaceId(), 1L, Long::sum);
        }
        UUID id = account.requestId();
        if (id == null || id.variant() != RFC_9562_VARIANT) {
            return;
        }
        if (id.version() == VERSION_8) {
            jobs.computeIfAbsent(new JobKey(account.workspaceId(), id.getMostSignificantBits()), k -> new JobAnswers())
                    .add(id.getLeastSignificantBits());
            laidOutIds.add(id);
        } else {
            otherWorkspaces.add(account.workspaceId());
            otherIds.add(id);
        }
    }

    String[] licenceWorkspaces() {
        return licences.keySet().toArray(String[]::new);
    }

    Long[] licencesTaken() {
        return licences.values().toArray(Long[]::new);
    }

    /** One entry per job answered (its workspace and its ids' first 8 bytes), in the arrays below' order. */
    String[] jobWorkspaces() {
        return jobs.keySet().stream().map(JobKey::workspaceId).toArray(String[]::new);
    }

    byte[][] jobPrefixes() {
        return jobs.keySet().stream().map(k -> bigEndian(k.high())).toArray(byte[][]::new);
    }

    Long[] jobAnswers() {
        return jobs.values().stream().map(a -> a.count).toArray(Long[]::new);
    }

    /** The lowest request id of the run's answers to each job: its rows are in [first, last] in a UUID's order. */
    UUID[] firstIds() {
        return jobs.entrySet().stream().map(e -> new UUID(e.getKey().high(), e.getValue().lowest))
                .toArray(UUID[]::new);
    }

    UUID[] lastIds() {
        return jobs.entrySet().stream().map(e -> new UUID(e.getKey().high(), e.getValue().highest))
                .toArray(UUID[]::new);
    }

    /** Every laid-out id of the run: a row in a job's range that can not count is subtracted if it is one. */
    UUID[] laidOutIds() {
        return laidOutIds.toArray(UUID[]::new);
    }

    /** The other UUIDs, with the workspace each answer came from, looked up one by one. */
    String[] otherWorkspaces() {
        return otherWorkspaces.toArray(String[]::new);
    }

    UUID[] otherIds() {
        return otherIds.toArray(UUID[]::new);
    }

    /** Whether nothing is to count: no licence taken, no answer that may be a row's. */
    boolean isEmpty() {
        return licences.isEmpty() && jobs.isEmpty() && otherIds.isEmpty();
    }

    private static byte[] bigEndian(long value) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return bytes;
    }

    private record JobKey(String workspaceId, long high) {
    }

    /**
     * A job's answers in the run: how many, and the lowest and highest of their ids' low 8 bytes, compared as the
     * server compares a UUID's bytes (unsigned: the variant's bit is the top one, then the row number).
     */
    private static final class JobAnswers {
        long count;
        long lowest = -1L; // the highest unsigned value, lowered by the first answer
        long highest;

        void add(long low) {
            count++;
            if (Long.compareUnsigned(low, lowest) < 0) {
                lowest = low;
            }
            if (Long.compareUnsigned(low, highest) > 0) {
                highest = low;
            }
        }
    }
}
