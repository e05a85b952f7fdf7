package io.roster.invite.account;

import io.roster.contracts.account.StorageQuota;
import io.roster.contracts.account.ValidatedAccount;
import io.roster.messaging.BinaryCopyRows;
import java.util.ArrayList;
import java.util.List;

/**
 * New accounts as one binary COPY ({@link #COPY}: a Kafka run's), or as one array per column for one
 * {@code INSERT … SELECT … FROM unnest(…)} ({@link #INSERT}: an HTTP request's, which returns the row written and
 * shares its one statement with the event and the request log). The arrays replaced a JSON document of the rows. Building the JSON (a map per row, then Jackson) and PostgreSQL's
 * parsing of it into records were a tenth of a create-user's cost; arrays of strings, numbers and booleans go to
 * the server as they are and come out as columns.
 */
final class AccountColumns {

    /** The columns, in the order of {@link #of}'s arrays, each with the SQL type of its array. */
    private static final String[][] COLUMNS = {
            {"id", "text[]::uuid[]"}, {"workspace_id", "text[]"}, {"type", "text[]"}, {"login", "text[]"},
            {"email", "text[]"}, {"first_name", "text[]"}, {"last_name", "text[]"}, {"status", "text[]"},
            {"mail_language", "text[]"}, {"share_space_max", "text[]"}, {"share_space_max_bytes", "bigint[]"},
            {"save_space_max", "text[]"}, {"save_space_max_bytes", "bigint[]"}, {"visibility_scope", "text[]"},
            {"modification_prevention", "boolean[]"}, {"company", "text[]"}, {"company_department", "text[]"},
            {"function", "text[]"}, {"tfa", "text[]"}, {"city", "text[]"}, {"address", "text[]"},
            {"zipcode", "text[]"}, {"country", "text[]"}, {"phone", "text[]"}, {"biography", "text[]"},
            {"suspension_at", "text[]::timestamptz[]"}, {"creation_notification", "boolean[]"},
            {"expiration_mode", "text[]"}, {"restricted_rights", "boolean[]"},
            {"prevent_automatic_suspension", "boolean[]"}, {"admin", "boolean[]"}, {"permission", "text[]"},
            // an array of arrays would have to be rectangular: each row's buckets travel as an array literal
            {"buckets", "text[]"}, {"owner_id", "text[]::uuid[]"}, {"idle_timeout_minutes", "int[]"},
    };

    /** The INSERT of every column from the arrays of {@link #of}, in the same order. */
    static final String INSERT;

    static {
        List<String> names = new ArrayList<>(COLUMNS.length);
        List<String> unnested = new ArrayList<>(COLUMNS.length);
        List<String> selected = new ArrayList<>(COLUMNS.length);
        List<String> aliases = new ArrayList<>(COLUMNS.length);
        for (int i = 0; i < COLUMNS.length; i++) {
            names.add(COLUMNS[i][0]);
            unnested.add("?::" + COLUMNS[i][1]);
            selected.add(COLUMNS[i][0].equals("buckets") ? "c" + i + "::text[]" : "c" + i);
            aliases.add("c" + i);
        }
        INSERT = "INSERT INTO invite.account (" + String.join(", ", names) + ") SELECT " + String.join(", ", selected)
                + " FROM unnest(" + String.join(", ", unnested) + ") AS r(" + String.join(", ", aliases) + ")";
        COPY = "COPY invite.account (" + String.join(", ", names) + ") FROM STDIN (FORMAT binary)";
    }

    /** The COPY of every column from the rows of {@link #copyRows}, in the same order. */
    static final String COPY;

    /**
     * The rows of {@link #COPY}: each value in PostgreSQL's binary form, in {@link #COLUMNS}' order — what a run of
     * creations from Kafka writes. The server parses nothing: no text array to split and cast, no array literal of
     * buckets, no uuid or timestamp text.
     */
    static BinaryCopyRows copyRows(List<AccountRepository.NewAccount> rows) {
        BinaryCopyRows copy = new BinaryCopyRows(rows.size() * 400);
        for (AccountRepository.NewAccount row : rows) {
            ValidatedAccount a = row.account();
            copy.row(COLUMNS.length)
                    .uuid(row.id())
                    .text(row.workspaceId())
                    .text(a.type().name())
                    .text(a.login())
                    .text(a.email())
                    .text(a.firstName())
                    .text(a.lastName())
                    .text(a.status().name())
                    .text(a.mailLanguage().code())
                    .text(text(a.shareSpaceMax()))
                    .int8(bytes(a.shareSpaceMax()))
                    .text(text(a.saveSpaceMax()))
                    .int8(bytes(a.saveSpaceMax()))
                    .text(a.visibilityScope().name())
                    .bool(a.modificationPrevention())
                    .text(a.company())
                    .text(a.companyDepartment())
                    .text(a.function())
                    .text(a.tfa().name())
                    .text(a.city())
                    .text(a.address())
                    .text(a.zipcode())
                    .text(a.country())
                    .text(a.phone())
                    .text(a.biography())
                    .timestamptz(a.suspensionAt())
                    .bool(a.creationNotification())
                    .text(a.expirationMode().name())
                    .bool(a.restrictedRights())
                    .bool(a.preventAutomaticSuspension())
                    .bool(a.admin())
                    .text(a.permission() == null ? null : a.permission().name())
                    .textArray(a.buckets())
                    .uuid(row.ownerId())
                    .int4(a.idleTimeoutMinutes());
        }
        return copy;
    }

    private AccountColumns() {
    }

    /** The parameters of {@link #INSERT}: one array per column, one element per row, in row order. */
    static List<Object> of(List<AccountRepository.NewAccount> rows) {
        int n = rows.size();
        String[] id = new String[n];
        String[] workspaceId = new String[n];
        String[] type = new String[n];
        String[] login = new String[n];
        String[] email = new String[n];
        String[] firstName = new String[n];
        String[] lastName = new String[n];
        String[] status = new String[n];
        String[] mailLanguage = new String[n];
        String[] shareSpaceMax = new String[n];
        Long[] shareSpaceMaxBytes = new Long[n];
        String[] saveSpaceMax = new String[n];
        Long[] saveSpaceMaxBytes = new Long[n];
        String[] visibilityScope = new String[n];
        Boolean[] modificationPrevention = new Boolean[n];
        String[] company = new String[n];
        String[] companyDepartment = new String[n];
        String[] function = new String[n];
        String[] tfa = new String[n];
        String[] city = new String[n];
        String[] address = new String[n];
        String[] zipcode = new String[n];
        String[] country = new String[n];
        String[] phone = new String[n];
        String[] biography = new String[n];
        String[] suspensionAt = new String[n];
        Boolean[] creationNotification = new Boolean[n];
        String[] expirationMode = new String[n];
        Boolean[] restrictedRights = new Boolean[n];
        Boolean[] preventAutomaticSuspension = new Boolean[n];
        Boolean[] admin = new Boolean[n];
        String[] permission = new String[n];
        String[] buckets = new String[n];
        String[] ownerId = new String[n];
        Integer[] idleTimeoutMinutes = new Integer[n];
        for (int i = 0; i < n; i++) {
            AccountRepository.NewAccount row = rows.get(i);
            ValidatedAccount a = row.account();
            id[i] = row.id().toString();
            workspaceId[i] = row.workspaceId();
            type[i] = a.type().name();
            login[i] = a.login();
            email[i] = a.email();
            firstName[i] = a.firstName();
            lastName[i] = a.lastName();
            status[i] = a.status().name();
            mailLanguage[i] = a.mailLanguage().code();
            shareSpaceMax[i] = text(a.shareSpaceMax());
            shareSpaceMaxBytes[i] = bytes(a.shareSpaceMax());
            saveSpaceMax[i] = text(a.saveSpaceMax());
            saveSpaceMaxBytes[i] = bytes(a.saveSpaceMax());
            visibilityScope[i] = a.visibilityScope().name();
            modificationPrevention[i] = a.modificationPrevention();
            company[i] = a.company();
            companyDepartment[i] = a.companyDepartment();
            function[i] = a.function();
            tfa[i] = a.tfa().name();
            city[i] = a.city();
            address[i] = a.address();
            zipcode[i] = a.zipcode();
            country[i] = a.country();
            phone[i] = a.phone();
            biography[i] = a.biography();
            suspensionAt[i] = a.suspensionAt() == null ? null : a.suspensionAt().toString();
            creationNotification[i] = a.creationNotification();
            expirationMode[i] = a.expirationMode().name();
            restrictedRights[i] = a.restrictedRights();
            preventAutomaticSuspension[i] = a.preventAutomaticSuspension();
            admin[i] = a.admin();
            permission[i] = a.permission() == null ? null : a.permission().name();
            buckets[i] = arrayLiteral(a.buckets());
            ownerId[i] = row.ownerId() == null ? null : row.ownerId().toString();
            idleTimeoutMinutes[i] = a.idleTimeoutMinutes();
        }
        return List.of(id, workspaceId, type, login, email, firstName, lastName, status, mailLanguage, shareSpaceMax,
                shareSpaceMaxBytes, saveSpaceMax, saveSpaceMaxBytes, visibilityScope, modificationPrevention, company,
                companyDepartment, function, tfa, city, address, zipcode, country, phone, biography, suspensionAt,
                creationNotification, expirationMode, restrictedRights, preventAutomaticSuspension, admin, permission,
                buckets, ownerId, idleTimeoutMinutes);
    }

    /** A PostgreSQL array literal of the strings: each quoted, its quotes and backslashes escaped. */
    static String arrayLiteral(List<String> values) {
        if (values.isEmpty()) {
            return "{}";
        }
        StringBuilder literal = new StringBuilder(values.size() * 16).append('{');
        for (int i = 0; i < values.size(); i++) {
            literal.append(i == 0 ? "\"" : ",\"");
            String value = values.get(i);
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                if (ch == '"' || ch == '\\') {
                    literal.append('\\');
                }
                literal.append(ch);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }

    private static String text(StorageQuota q) {
        return q == null ? null : q.toString();
    }

    private static Long bytes(StorageQuota q) {
        return q == null ? null : q.bytes();
    }
}
