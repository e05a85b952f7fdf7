package io.roster.contracts.account;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

/**
 * The workspace settings that change what a valid account is.
 *
 * @param applications enabled applications (Save requires SAVE_SPACE_MAX of at least 1 GB, ...)
 * @param timeZone the zone suspension dates are written in
 * @param now the validation instant (suspension dates must lie after it)
 */
public record WorkspaceRules(Set<Application> applications, ZoneId timeZone, Instant now) {

    public boolean has(Application application) {
        return applications.contains(application);
    }

    public boolean needsShareSpace() {
        return has(Application.WORK) || has(Application.WORK_SHARE) || has(Application.MEET);
    }

    public boolean needsPublicUsers() {
        return has(Application.SAVE) || has(Application.MEDIA);
    }
}
