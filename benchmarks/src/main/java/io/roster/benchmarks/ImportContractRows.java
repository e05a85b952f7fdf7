package io.roster.benchmarks;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.MessageType;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.AccountType;
import io.roster.contracts.account.AccountValidator;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.ExpirationMode;
import io.roster.contracts.account.MailLanguage;
import io.roster.contracts.account.Permission;
import io.roster.contracts.account.StorageQuota;
import io.roster.contracts.account.TemplateRows;
import io.roster.contracts.account.TwoFactorMode;
import io.roster.contracts.account.ValidatedAccount;
import io.roster.contracts.account.VisibilityScope;
import io.roster.importer.rows.ImportRows;
import io.roster.messaging.BinaryCopyRows;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One row of an import in each form the import's contract gives it: the {@code account.create-user.v1} command the
 * import sends for a row of {@link ImportBenchmark}'s Users files, the account invite-service stores for it (typed
 * from the command, not validated: the ceiling measures the contract, not the rules), that account as a row of a
 * table shaped like invite-service's {@code account} (binary COPY or one array per column), and its
 * {@code account.created.v1}.
 */
final class ImportContractRows {

    /** The columns an account row is written with, in {@link #copy}'s order (as invite-service's one write). */
    static final String ACCOUNT_COLUMNS = "id, workspace_id, type, login, email, first_name, last_name, status,"
            + " mail_language, share_space_max, share_space_max_bytes, save_space_max, save_space_max_bytes,"
            + " visibility_scope, modification_prevention, company, company_department, function, tfa, city, address,"
            + " zipcode, country, phone, biography, suspension_at, creation_notification, expiration_mode,"
            + " restricted_rights, prevent_automatic_suspension, admin, permission, buckets, owner_id,"
            + " idle_timeout_minutes";
    private static final int ACCOUNT_VALUES = 35;
    static final String OUTBOX_COLUMNS = "event_id, topic, record_key, type, value";

    private ImportContractRows() {
    }

    /**
     * The tables, in {@code schema}, dropped first if there: the account with invite-service's column types, checks,
     * primary key and unique indexes on (workspace, lower(email)) and (workspace, lower(login)) — not its other
     * indexes, foreign keys or fill factor, which are its own choices, not the contract's — and {@code outboxes} tables
     * shaped like messaging's outbox, {@code outbox_0}….
     */
    static List<String> createTables(String schema, int outboxes) {
        List<String> statements = new ArrayList<>(List.of("DROP SCHEMA IF EXISTS " + schema + " CASCADE",
                "CREATE SCHEMA " + schema,
                """
                CREATE TABLE %s.account (
                    id                            UUID PRIMARY KEY,
                    workspace_id                  TEXT        NOT NULL,
                    type                          TEXT        NOT NULL CHECK (type IN ('USER', 'CONTACT')),
                    login                         TEXT,
                    email                         TEXT        NOT NULL,
                    first_name                    TEXT        NOT NULL,
                    last_name                     TEXT        NOT NULL,
                    status                        TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE', 'CLOSED')),
                    mail_language                 TEXT        NOT NULL,
                    share_space_max               TEXT,
                    share_space_max_bytes         BIGINT,
                    save_space_max                TEXT,
                    save_space_max_bytes          BIGINT,
                    visibility_scope              TEXT        NOT NULL,
                    modification_prevention       BOOLEAN     NOT NULL DEFAULT false,
                    company                       TEXT,
                    company_department            TEXT,
                    function                      TEXT,
                    tfa                           TEXT        NOT NULL DEFAULT 'NONE',
                    city                          TEXT,
                    address                       TEXT,
                    zipcode                       TEXT,
                    country                       TEXT,
                    phone                         TEXT,
                    biography                     TEXT,
                    suspension_at                 TIMESTAMPTZ,
                    creation_notification         BOOLEAN     NOT NULL,
                    expiration_mode               TEXT        NOT NULL DEFAULT 'DEFAULT',
                    restricted_rights             BOOLEAN     NOT NULL DEFAULT false,
                    prevent_automatic_suspension  BOOLEAN     NOT NULL DEFAULT false,
                    admin                         BOOLEAN     NOT NULL DEFAULT false,
                    permission                    TEXT,
                    buckets                       TEXT[]      NOT NULL DEFAULT '{}',
                    owner_id                      UUID,
                    created_at                    TIMESTAMPTZ NOT NULL DEFAULT now(),
                    updated_at                    TIMESTAMPTZ NOT NULL DEFAULT now(),
                    password_hash                 TEXT,
                    idle_timeout_minutes          INTEGER CHECK (idle_timeout_minutes BETWEEN 1 AND 1440),
                    concurrent_sessions           BOOLEAN,
                    last_sign_in_at               TIMESTAMPTZ,
                    status_since                  TIMESTAMPTZ,
                    CHECK (type = 'CONTACT' OR login IS NOT NULL),
                    CHECK (type = 'USER' OR (owner_id IS NOT NULL AND status <> 'INACTIVE'))
                )""".formatted(schema),
                "CREATE UNIQUE INDEX ON " + schema + ".account (workspace_id, lower(login))",
                "CREATE UNIQUE INDEX ON " + schema + ".account (workspace_id, lower(email))"));
        for (int i = 0; i < outboxes; i++) {
            statements.add("""
                CREATE TABLE %s.outbox_%d (
                    id            BIGSERIAL PRIMARY KEY,
                    event_id      UUID        NOT NULL,
                    topic         TEXT        NOT NULL,
                    record_key    TEXT        NOT NULL,
                    type          TEXT        NOT NULL,
                    value         TEXT        NOT NULL,
                    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
                    published_at  TIMESTAMPTZ
                )""".formatted(schema, i));
        }
        return statements;
    }

    /**
     * The command the import sends for data row {@code row} of the file: the row's cells turned into a command as
     * import-worker does ({@link TemplateRows}), its request id derived from the job and the row, keyed
     * {@code workspace/login}.
     */
    static Envelope<CreateUser> command(String workspaceId, UUID jobId, Actor actor, int row, Instant now) {
        CreateUser user = (CreateUser) TemplateRows.toCommand(AccountTemplate.USERS,
                column -> ImportBenchmark.value(column, row)).command();
        return new Envelope<>(UUID.randomUUID(), MessageType.CREATE_USER.typeName(), now, workspaceId,
                ImportRows.requestId(jobId, row).toString(), actor, user);
    }

    /** The account of a command, typed as invite-service stores it and with its defaults; nothing checked. */
    static ValidatedAccount account(CreateUser c, ZoneId zone) {
        Instant suspensionAt = c.suspensionDate() == null ? null
                : AccountValidator.parseSuspensionDate(c.suspensionDate()).orElseThrow().atZone(zone).toInstant();
        return new ValidatedAccount(AccountType.USER, c.login(), c.email(), c.firstName(), c.lastName(),
                AccountStatus.valueOf(c.status()), MailLanguage.fromCode(c.mailLanguage()).orElseThrow(),
                quota(c.shareSpaceMax()), quota(c.saveSpaceMax()),
                c.visibilityScope() == null ? VisibilityScope.PUBLIC : VisibilityScope.valueOf(c.visibilityScope()),
                bool(c.modificationPrevention(), false), c.company(), c.companyDepartment(), c.function(),
                c.tfa() == null ? TwoFactorMode.NONE : TwoFactorMode.valueOf(c.tfa()), c.city(), c.address(),
                c.zipcode(), c.country(), c.phone(), c.biography(), suspensionAt, bool(c.creationNotification(), true),
                c.expirationMode() == null ? ExpirationMode.DEFAULT : ExpirationMode.valueOf(c.expirationMode()),
                bool(c.restrictedRights(), false), bool(c.preventAutomaticSuspension(), false), bool(c.admin(), false),
                c.permission() == null ? Permission.READ_ONLY : Permission.valueOf(c.permission()),
                c.buckets() == null ? List.of() : c.buckets(), null, c.idleTimeoutMinutes());
    }

    /** The event announcing the account, as invite-service builds it. */
    static AccountCreated created(UUID id, ValidatedAccount a) {
        return new AccountCreated(id.toString(), a.type(), a.login(), a.email(), a.firstName(), a.lastName(),
                a.status(), a.mailLanguage(), a.creationNotification(), null, a.suspensionAt(), a.expirationMode(),
                a.preventAutomaticSuspension(), a.admin(), a.permission(), a.buckets());
    }

    /** The account as a row of {@link #ACCOUNT_COLUMNS}, in binary COPY form. */
    static void copy(UUID id, String workspaceId, ValidatedAccount a, BinaryCopyRows out) {
        out.row(ACCOUNT_VALUES).uuid(id).text(workspaceId).text(a.type().name()).text(a.login()).text(a.email())
                .text(a.firstName()).text(a.lastName()).text(a.status().name()).text(a.mailLanguage().code())
                .text(text(a.shareSpaceMax())).int8(bytes(a.shareSpaceMax())).text(text(a.saveSpaceMax()))
                .int8(bytes(a.saveSpaceMax())).text(a.visibilityScope().name()).bool(a.modificationPrevention())
                .text(a.company()).text(a.companyDepartment()).text(a.function()).text(a.tfa().name())
                .text(a.city()).text(a.address()).text(a.zipcode()).text(a.country()).text(a.phone())
                .text(a.biography()).timestamptz(a.suspensionAt()).bool(a.creationNotification())
                .text(a.expirationMode().name()).bool(a.restrictedRights()).bool(a.preventAutomaticSuspension())
                .bool(a.admin()).text(a.permission() == null ? null : a.permission().name()).textArray(a.buckets())
                .uuid(null).int4(a.idleTimeoutMinutes());
    }

    /** An outbox row holding an event's encoded envelope, in binary COPY form ({@link #OUTBOX_COLUMNS}). */
    static void copyOutbox(UUID eventId, String topic, String key, String type, byte[] value, BinaryCopyRows out) {
        out.row(5).uuid(eventId).text(topic).text(key).text(type).utf8(value);
    }

    /**
     * Accounts as one array per column, for one {@code INSERT … SELECT … FROM unnest(…)}: how invite-service writes
     * them today (its {@code AccountColumns}), the alternative to binary COPY.
     */
    static final class Arrays {

        private final List<List<Object>> columns = new ArrayList<>(ACCOUNT_VALUES);

        Arrays() {
            for (int i = 0; i < ACCOUNT_VALUES; i++) {
                columns.add(new ArrayList<>());
            }
        }

        /** The INSERT into {@code schema.account} from the arrays of {@link #params}. */
        static String insert(String schema) {
            String[] types = {"text[]::uuid[]", "text[]", "text[]", "text[]", "text[]", "text[]", "text[]", "text[]",
                "text[]", "text[]", "bigint[]", "text[]", "bigint[]", "text[]", "boolean[]", "text[]", "text[]",
                "text[]", "text[]", "text[]", "text[]", "text[]", "text[]", "text[]", "text[]",
                "text[]::timestamptz[]", "boolean[]", "text[]", "boolean[]", "boolean[]", "boolean[]", "text[]",
                "text[]", "text[]::uuid[]", "int[]"};
            List<String> unnested = new ArrayList<>();
            List<String> selected = new ArrayList<>();
            List<String> aliases = new ArrayList<>();
            for (int i = 0; i < types.length; i++) {
                unnested.add("?::" + types[i]);
                // an array of arrays would have to be rectangular: each row's buckets travel as an array literal
                selected.add(i == 32 ? "c" + i + "::text[]" : "c" + i);
                aliases.add("c" + i);
            }
            return "INSERT INTO " + schema + ".account (" + ACCOUNT_COLUMNS + ") SELECT " + String.join(", ", selected)
                    + " FROM unnest(" + String.join(", ", unnested) + ") AS r(" + String.join(", ", aliases) + ")";
        }

        void add(UUID id, String workspaceId, ValidatedAccount a) {
            Object[] values = {id.toString(), workspaceId, a.type().name(), a.login(), a.email(), a.firstName(),
                a.lastName(), a.status().name(), a.mailLanguage().code(), text(a.shareSpaceMax()),
                bytes(a.shareSpaceMax()), text(a.saveSpaceMax()), bytes(a.saveSpaceMax()),
                a.visibilityScope().name(), a.modificationPrevention(), a.company(), a.companyDepartment(),
                a.function(), a.tfa().name(), a.city(), a.address(), a.zipcode(), a.country(), a.phone(),
                a.biography(), a.suspensionAt() == null ? null : a.suspensionAt().toString(),
                a.creationNotification(), a.expirationMode().name(), a.restrictedRights(),
                a.preventAutomaticSuspension(), a.admin(), a.permission() == null ? null : a.permission().name(),
                arrayLiteral(a.buckets()), null,
                a.idleTimeoutMinutes()};
            for (int i = 0; i < values.length; i++) {
                columns.get(i).add(values[i]);
            }
        }

        /** One array per column, typed as the INSERT casts them. */
        List<Object> params() {
            List<Object> params = new ArrayList<>(ACCOUNT_VALUES);
            for (int i = 0; i < ACCOUNT_VALUES; i++) {
                List<Object> column = columns.get(i);
                params.add(switch (i) {
                    case 10, 12 -> column.toArray(Long[]::new);
                    case 14, 26, 28, 29, 30 -> column.toArray(Boolean[]::new);
                    case 34 -> column.toArray(Integer[]::new);
                    default -> column.toArray(String[]::new);
                });
            }
            return params;
        }
    }

    /** A PostgreSQL array literal of the strings: each quoted, its quotes and backslashes escaped. */
    static String arrayLiteral(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (String value : values) {
            literal.append(literal.length() == 1 ? "\"" : ",\"")
                    .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }

    private static StorageQuota quota(String text) {
        return text == null ? null : StorageQuota.parse(text).orElseThrow();
    }

    private static String text(StorageQuota q) {
        return q == null ? null : q.toString();
    }

    private static Long bytes(StorageQuota q) {
        return q == null ? null : q.bytes();
    }

    private static boolean bool(Boolean value, boolean otherwise) {
        return value == null ? otherwise : value;
    }
}
