package io.roster.contracts.account;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.InstantText;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes an {@code account.create-user.v1} or {@code account.create-contact.v1} envelope as the very bytes
 * {@link EnvelopeCodec#write} gives — the envelope's fields and the record's components in their order, nulls left
 * out, {@code "} and {@code \} escaped, any other character as its UTF-8 — in one pass over its texts into a buffer
 * kept between calls, then one array of the exact length: no serializer, generator or intermediate text per command
 * (an import sends one per row). A text holding a control character or a lone surrogate, which Jackson escapes or
 * refuses in its own ways, and any other envelope, are written by the codec. Not thread-safe: one per thread, or per
 * batch of commands.
 */
public final class CreateCommandWriter {

    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");

    private final EnvelopeCodec codec;
    private byte[] buffer = new byte[1024];
    private int length;

    public CreateCommandWriter(EnvelopeCodec codec) {
        this.codec = codec;
    }

    /** The envelope's JSON, as {@link EnvelopeCodec#write} writes it. */
    public byte[] write(Envelope<?> envelope) {
        if (!(envelope.payload() instanceof CreateUser) && !(envelope.payload() instanceof CreateContact)) {
            return codec.write(envelope);
        }
        length = 0;
        try {
            envelope(envelope);
        } catch (LeftToTheCodec e) {
            return codec.write(envelope);
        }
        return Arrays.copyOf(buffer, length);
    }

    private void envelope(Envelope<?> e) {
        raw('{');
        text(Names.EVENT_ID, e.eventId().toString());
        text(Names.TYPE, e.type());
        text(Names.OCCURRED_AT, InstantText.format(e.occurredAt()));
        text(Names.WORKSPACE_ID, e.workspaceId());
        text(Names.REQUEST_ID, e.requestId());
        Actor actor = e.actor();
        if (actor != null) {
            name(Names.ACTOR);
            raw('{');
            text(Names.KIND, actor.kind() == null ? null : actor.kind().name());
            text(Names.ID, actor.id());
            text(Names.CLIENT_IP, actor.clientIp());
            close();
            raw(',');
        }
        name(Names.PAYLOAD);
        raw('{');
        if (e.payload() instanceof CreateUser u) {
            createUser(u);
        } else {
            createContact((CreateContact) e.payload());
        }
        close();
        raw('}');
    }

    private void createUser(CreateUser u) {
        text(Names.LOGIN, u.login());
        text(Names.EMAIL, u.email());
        text(Names.FIRST_NAME, u.firstName());
        text(Names.LAST_NAME, u.lastName());
        text(Names.STATUS, u.status());
        text(Names.MAIL_LANGUAGE, u.mailLanguage());
        text(Names.SHARE_SPACE_MAX, u.shareSpaceMax());
        text(Names.SAVE_SPACE_MAX, u.saveSpaceMax());
        text(Names.VISIBILITY_SCOPE, u.visibilityScope());
        bool(Names.MODIFICATION_PREVENTION, u.modificationPrevention());
        text(Names.COMPANY, u.company());
        text(Names.COMPANY_DEPARTMENT, u.companyDepartment());
        text(Names.FUNCTION, u.function());
        text(Names.TFA, u.tfa());
        text(Names.CITY, u.city());
        text(Names.ADDRESS, u.address());
        text(Names.ZIPCODE, u.zipcode());
        text(Names.COUNTRY, u.country());
        text(Names.PHONE, u.phone());
        text(Names.BIOGRAPHY, u.biography());
        text(Names.SUSPENSION_DATE, u.suspensionDate());
        bool(Names.CREATION_NOTIFICATION, u.creationNotification());
        text(Names.EXPIRATION_MODE, u.expirationMode());
        bool(Names.RESTRICTED_RIGHTS, u.restrictedRights());
        bool(Names.PREVENT_AUTOMATIC_SUSPENSION, u.preventAutomaticSuspension());
        bool(Names.ADMIN, u.admin());
        text(Names.PERMISSION, u.permission());
        texts(Names.BUCKETS, u.buckets());
        if (u.idleTimeoutMinutes() != null) {
            name(Names.IDLE_TIMEOUT_MINUTES);
            asciiText(u.idleTimeoutMinutes().toString());
            raw(',');
        }
    }

    private void createContact(CreateContact c) {
        text(Names.OWNER_LOGIN, c.ownerLogin());
        text(Names.OWNER_FIRST_NAME, c.ownerFirstName());
        text(Names.OWNER_LAST_NAME, c.ownerLastName());
        text(Names.LOGIN, c.login());
        text(Names.EMAIL, c.email());
        text(Names.FIRST_NAME, c.firstName());
        text(Names.LAST_NAME, c.lastName());
        text(Names.STATUS, c.status());
        text(Names.MAIL_LANGUAGE, c.mailLanguage());
        text(Names.VISIBILITY_SCOPE, c.visibilityScope());
        bool(Names.MODIFICATION_PREVENTION, c.modificationPrevention());
        text(Names.COMPANY, c.company());
        text(Names.COMPANY_DEPARTMENT, c.companyDepartment());
        text(Names.FUNCTION, c.function());
        text(Names.TFA, c.tfa());
        text(Names.CITY, c.city());
        text(Names.ADDRESS, c.address());
        text(Names.ZIPCODE, c.zipcode());
        text(Names.COUNTRY, c.country());
        text(Names.PHONE, c.phone());
        text(Names.BIOGRAPHY, c.biography());
        text(Names.SUSPENSION_DATE, c.suspensionDate());
        bool(Names.CREATION_NOTIFICATION, c.creationNotification());
    }

    /** {@code "name":"value",}, nothing for null. */
    private void text(byte[] name, String value) {
        if (value != null) {
            name(name);
            string(value);
            raw(',');
        }
    }

    private void bool(byte[] name, Boolean value) {
        if (value != null) {
            name(name);
            bytes(value ? TRUE : FALSE);
            raw(',');
        }
    }

    private void texts(byte[] name, List<String> values) {
        if (values == null) {
            return;
        }
        name(name);
        raw('[');
        for (String value : values) {
            if (value == null) {
                bytes(NULL);
            } else {
                string(value);
            }
            raw(',');
        }
        if (buffer[length - 1] == ',') {
            length--;
        }
        raw(']');
        raw(',');
    }

    /** Every field is written with a comma after it: the object's last one becomes its closing brace. */
    private void close() {
        if (buffer[length - 1] == ',') {
            buffer[length - 1] = '}';
        } else {
            raw('}');
        }
    }

    private void name(byte[] name) {
        bytes(name);
    }

    /** A JSON string, as Jackson's UTF-8 generator writes it by default. */
    private void string(String value) {
        int chars = value.length();
        // at most three bytes a char (a surrogate pair: four for two), and the quotes
        room(chars * 3 + 2);
        byte[] out = buffer;
        int at = length;
        out[at++] = '"';
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (c < 0x20) {
                    throw LeftToTheCodec.INSTANCE;
                }
                if (c == '"' || c == '\\') {
                    // an escape: two bytes for one char, still within the room taken (three a char)
                    out[at++] = '\\';
                }
                out[at++] = (byte) c;
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | c >> 6);
                out[at++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                out[at++] = (byte) (0xE0 | c >> 12);
                out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | c & 0x3F);
            } else {
                if (!Character.isHighSurrogate(c) || i + 1 == chars || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    throw LeftToTheCodec.INSTANCE;
                }
                int code = Character.toCodePoint(c, value.charAt(++i));
                out[at++] = (byte) (0xF0 | code >> 18);
                out[at++] = (byte) (0x80 | code >> 12 & 0x3F);
                out[at++] = (byte) (0x80 | code >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | code & 0x3F);
            }
        }
        out[at++] = '"';
        length = at;
    }

    private void asciiText(String text) {
        room(text.length());
        for (int i = 0; i < text.length(); i++) {
            buffer[length++] = (byte) text.charAt(i);
        }
    }

    private void bytes(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void raw(char c) {
        room(1);
        buffer[length++] = (byte) c;
    }

    private void room(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code "name":} of each field, once. */
    private static final class Names {
        static final byte[] EVENT_ID = name("eventId");
        static final byte[] TYPE = name("type");
        static final byte[] OCCURRED_AT = name("occurredAt");
        static final byte[] WORKSPACE_ID = name("workspaceId");
        static final byte[] REQUEST_ID = name("requestId");
        static final byte[] ACTOR = name("actor");
        static final byte[] KIND = name("kind");
        static final byte[] ID = name("id");
        static final byte[] CLIENT_IP = name("clientIp");
        static final byte[] PAYLOAD = name("payload");
        static final byte[] OWNER_LOGIN = name("ownerLogin");
        static final byte[] OWNER_FIRST_NAME = name("ownerFirstName");
        static final byte[] OWNER_LAST_NAME = name("ownerLastName");
        static final byte[] LOGIN = name("login");
        static final byte[] EMAIL = name("email");
        static final byte[] FIRST_NAME = name("firstName");
        static final byte[] LAST_NAME = name("lastName");
        static final byte[] STATUS = name("status");
        static final byte[] MAIL_LANGUAGE = name("mailLanguage");
        static final byte[] SHARE_SPACE_MAX = name("shareSpaceMax");
        static final byte[] SAVE_SPACE_MAX = name("saveSpaceMax");
        static final byte[] VISIBILITY_SCOPE = name("visibilityScope");
        static final byte[] MODIFICATION_PREVENTION = name("modificationPrevention");
        static final byte[] COMPANY = name("company");
        static final byte[] COMPANY_DEPARTMENT = name("companyDepartment");
        static final byte[] FUNCTION = name("function");
        static final byte[] TFA = name("tfa");
        static final byte[] CITY = name("city");
        static final byte[] ADDRESS = name("address");
        static final byte[] ZIPCODE = name("zipcode");
        static final byte[] COUNTRY = name("country");
        static final byte[] PHONE = name("phone");
        static final byte[] BIOGRAPHY = name("biography");
        static final byte[] SUSPENSION_DATE = name("suspensionDate");
        static final byte[] CREATION_NOTIFICATION = name("creationNotification");
        static final byte[] EXPIRATION_MODE = name("expirationMode");
        static final byte[] RESTRICTED_RIGHTS = name("restrictedRights");
        static final byte[] PREVENT_AUTOMATIC_SUSPENSION = name("preventAutomaticSuspension");
        static final byte[] ADMIN = name("admin");
        static final byte[] PERMISSION = name("permission");
        static final byte[] BUCKETS = name("buckets");
        static final byte[] IDLE_TIMEOUT_MINUTES = name("idleTimeoutMinutes");

        private static byte[] name(String name) {
            return ascii("\"" + name + "\":");
        }
    }

    /** A text Jackson writes in a way of its own (an escape of a control character, a lone surrogate refused). */
    private static final class LeftToTheCodec extends RuntimeException {
        static final LeftToTheCodec INSTANCE = new LeftToTheCodec();

        private LeftToTheCodec() {
            super(null, null, false, false);
        }
    }
}
