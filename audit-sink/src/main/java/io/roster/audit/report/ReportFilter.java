package io.roster.audit.report;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What a report, an export or a verification covers: a workspace's entries in [from, to), narrowed by the optional
 * filters (null: any).
 *
 * @param actor the actor's id (an admin key id, a user's account id, a system's name)
 * @param action an activity code
 * @param account the target account
 * @param ip the client address
 * @param text words in the readable text, case-insensitive
 */
record ReportFilter(String workspaceId, ZoneId zone, Instant from, Instant to, String actor, String action,
        String account, String ip, String text) {
}
