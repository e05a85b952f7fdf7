package io.roster.invite.workspace;

import io.roster.contracts.Actor;
import io.roster.contracts.account.AccountValidator;
import io.roster.contracts.account.Application;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.TwoFactorMode;
import io.roster.invite.InviteProperties;
import io.roster.invite.access.AccessKeys;
import io.roster.invite.bucket.BucketRegistry;
import io.roster.invite.web.RequestRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The platform operator creates workspaces; each comes with its first admin access key, whose secret is shown
 * in this response only. The operator authenticates with {@code roster.invite.operator-token}; without one
 * configured, the endpoint does not exist (404).
 */
@RestController
class WorkspaceController {

    private static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

    private final WorkspaceRepository workspaces;
    private final AccessKeys keys;
    private final BucketRegistry buckets;
    private final String operatorToken;
    private final WorkspaceFactsAnnouncer facts;

    WorkspaceController(WorkspaceRepository workspaces, AccessKeys keys, BucketRegistry buckets,
            InviteProperties properties, WorkspaceFactsAnnouncer facts) {
        this.workspaces = workspaces;
        this.facts = facts;
        this.buckets = buckets;
        this.keys = keys;
        this.operatorToken = properties.operatorToken();
    }

    /** @param buckets the workspace's first buckets; admins add more later */
    record NewWorkspace(String id, String name, String plan, Integer licenceCount, String timeZone,
            Set<String> applications, Set<String> tfaModes, List<String> buckets) {
    }

    record CreatedWorkspace(Workspace workspace, List<String> buckets, AccessKeys.IssuedKey adminAccessKey) {
    }

    @PostMapping("/api/v1/workspaces")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    CreatedWorkspace create(@RequestBody NewWorkspace body,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            HttpServletRequest request) {
        if (operatorToken == null || operatorToken.isBlank()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : "";
        if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                operatorToken.getBytes(StandardCharsets.UTF_8))) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "the platform operator token is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (body.id() == null || !ID.matcher(body.id()).matches()) {
            problems.add(new FieldProblem("id", "invalid_format", "2-63 lowercase letters, digits and hyphens"));
        }
        problems.addAll(WorkspaceName.problems("name", body.name()));
        Workspace.Plan plan = parse(problems, "plan", body.plan() == null ? "STANDARD" : body.plan(),
                Workspace.Plan.class);
        int licences = body.licenceCount() == null ? 25 : body.licenceCount();
        if (licences < 0 || licences > 1_000_000) {
            problems.add(new FieldProblem("licenceCount", "out_of_range", "must be between 0 and 1000000"));
        }
        ZoneId zone = ZoneId.of("UTC");
        try {
            zone = body.timeZone() == null ? zone : ZoneId.of(body.timeZone());
        } catch (DateTimeException e) {
            problems.add(new FieldProblem("timeZone", "invalid_value", "not a time zone id such as Europe/Paris"));
        }
        Set<Application> applications = EnumSet.noneOf(Application.class);
        for (String a : body.applications() == null ? Set.<String>of() : body.applications()) {
            Application parsed = parse(problems, "applications", a, Application.class);
            if (parsed != null) {
                applications.add(parsed);
            }
        }
        Set<TwoFactorMode> modes = EnumSet.noneOf(TwoFactorMode.class);
        for (String m : body.tfaModes() == null ? Set.<String>of() : body.tfaModes()) {
            TwoFactorMode parsed = parse(problems, "tfaModes", m, TwoFactorMode.class);
            if (parsed != null) {
                modes.add(parsed);
            }
        }
        List<String> initialBuckets = body.buckets() == null ? List.of() : body.buckets().stream().distinct().toList();
        for (String invalid : BucketRegistry.invalidNames(initialBuckets)) {
            problems.add(new FieldProblem("buckets", "invalid_value",
                    AccountValidator.BUCKET_NAME_RULE + " (was '" + invalid + "')"));
        }
        if (!problems.isEmpty()) {
            throw new RequestRejectedException(problems);
        }
        Workspace workspace = new Workspace(body.id(), body.name() == null ? body.id() : body.name().strip(), plan,
                licences, zone, applications, modes);
        if (!workspaces.createIfAbsent(workspace)) {
            throw new RequestRejectedException(List.of(new FieldProblem("id", "duplicate",
                    "a workspace with this id exists")));
        }
        Actor operator = new Actor(Actor.Kind.SYSTEM, "platform-operator", request.getRemoteAddr());
        facts.announce(workspace.id(), "http-" + UUID.randomUUID(), operator);
        initialBuckets.forEach(name -> buckets.register(workspace.id(), name, operator));
        return new CreatedWorkspace(workspace, initialBuckets, keys.issue(workspace.id(), "first admin",
                AccessKeys.Origin.http(operator)));
    }

    private static <E extends Enum<E>> E parse(List<FieldProblem> problems, String field, String value,
            Class<E> type) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.add(new FieldProblem(field, "invalid_value", "'" + value + "' is not one of "
                    + EnumSet.allOf(type)));
            return null;
        }
    }
}
