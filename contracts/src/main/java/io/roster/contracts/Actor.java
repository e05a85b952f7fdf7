package io.roster.contracts;

/**
 * Who caused a message: an upstream system, an admin (by access key), a user (by session), the importer or
 * the scheduler. {@code clientIp} is set when the action came over HTTP.
 */
public record Actor(Kind kind, String id, String clientIp) {

    public enum Kind { SYSTEM, UPSTREAM, ADMIN, USER, IMPORT, SCHEDULER }

    public static Actor system(String id) {
        return new Actor(Kind.SYSTEM, id, null);
    }
}
