package io.roster.contracts.account;

import io.roster.contracts.LeanJson;
import io.roster.contracts.MessageType;
import io.roster.contracts.PayloadReader;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The create-user and create-contact payloads read by hand, for a {@link io.roster.contracts.LeanEnvelopeReader}:
 * every field as the codec's strict command reading binds it (text or null, true / false or null, an int or null, a
 * list of texts or null; a field left out is null), into the same record. Anything else — an unknown field, a value
 * of another JSON type, a number beyond an int, a null in the buckets, a field named twice — is left to the codec,
 * whose refusal names the fields at fault for the rejection.
 */
public final class AccountCommandReaders {

    public static final PayloadReader<CreateUser> CREATE_USER = (parser, json) -> createUser(parser);
    public static final PayloadReader<CreateContact> CREATE_CONTACT = (parser, json) -> createContact(parser);

    private AccountCommandReaders() {
    }

    /** Both, by message type: what invite-service's listener of account requests reads lean. */
    public static Map<MessageType, PayloadReader<?>> creations() {
        return Map.of(MessageType.CREATE_USER, CREATE_USER, MessageType.CREATE_CONTACT, CREATE_CONTACT);
    }

    private static CreateUser createUser(JsonParser parser) {
        String login = null;
        String email = null;
        String firstName = null;
        String lastName = null;
        String status = null;
        String mailLanguage = null;
        String shareSpaceMax = null;
        String saveSpaceMax = null;
        String visibilityScope = null;
        Boolean modificationPrevention = null;
        String company = null;
        String companyDepartment = null;
        String function = null;
        String tfa = null;
        String city = null;
        String address = null;
        String zipcode = null;
        String country = null;
        String phone = null;
        String biography = null;
        String suspensionDate = null;
        Boolean creationNotification = null;
        String expirationMode = null;
        Boolean restrictedRights = null;
        Boolean preventAutomaticSuspension = null;
        Boolean admin = null;
        String permission = null;
        List<String> buckets = null;
        Integer idleTimeoutMinutes = null;
        long seen = 0;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken v = parser.nextToken();
            switch (name) {
                case "login" -> {
                    seen = LeanJson.once(seen, 0);
                    login = LeanJson.textOrNull(parser, v);
                }
                case "email" -> {
                    seen = LeanJson.once(seen, 1);
                    email = LeanJson.textOrNull(parser, v);
                }
                case "firstName" -> {
                    seen = LeanJson.once(seen, 2);
                    firstName = LeanJson.textOrNull(parser, v);
                }
                case "lastName" -> {
                    seen = LeanJson.once(seen, 3);
                    lastName = LeanJson.textOrNull(parser, v);
                }
                case "status" -> {
                    seen = LeanJson.once(seen, 4);
                    status = LeanJson.textOrNull(parser, v);
                }
                case "mailLanguage" -> {
                    seen = LeanJson.once(seen, 5);
                    mailLanguage = LeanJson.textOrNull(parser, v);
                }
                case "shareSpaceMax" -> {
                    seen = LeanJson.once(seen, 6);
                    shareSpaceMax = LeanJson.textOrNull(parser, v);
                }
                case "saveSpaceMax" -> {
                    seen = LeanJson.once(seen, 7);
                    saveSpaceMax = LeanJson.textOrNull(parser, v);
                }
                case "visibilityScope" -> {
                    seen = LeanJson.once(seen, 8);
                    visibilityScope = LeanJson.textOrNull(parser, v);
                }
                case "modificationPrevention" -> {
                    seen = LeanJson.once(seen, 9);
                    modificationPrevention = LeanJson.booleanOrNull(v);
                }
                case "company" -> {
                    seen = LeanJson.once(seen, 10);
                    company = LeanJson.textOrNull(parser, v);
                }
                case "companyDepartment" -> {
                    seen = LeanJson.once(seen, 11);
                    companyDepartment = LeanJson.textOrNull(parser, v);
                }
                case "function" -> {
                    seen = LeanJson.once(seen, 12);
                    function = LeanJson.textOrNull(parser, v);
                }
                case "tfa" -> {
                    seen = LeanJson.once(seen, 13);
                    tfa = LeanJson.textOrNull(parser, v);
                }
                case "city" -> {
                    seen = LeanJson.once(seen, 14);
                    city = LeanJson.textOrNull(parser, v);
                }
                case "address" -> {
                    seen = LeanJson.once(seen, 15);
                    address = LeanJson.textOrNull(parser, v);
                }
                case "zipcode" -> {
                    seen = LeanJson.once(seen, 16);
                    zipcode = LeanJson.textOrNull(parser, v);
                }
                case "country" -> {
                    seen = LeanJson.once(seen, 17);
                    country = LeanJson.textOrNull(parser, v);
                }
                case "phone" -> {
                    seen = LeanJson.once(seen, 18);
                    phone = LeanJson.textOrNull(parser, v);
                }
                case "biography" -> {
                    seen = LeanJson.once(seen, 19);
                    biography = LeanJson.textOrNull(parser, v);
                }
                case "suspensionDate" -> {
                    seen = LeanJson.once(seen, 20);
                    suspensionDate = LeanJson.textOrNull(parser, v);
                }
                case "creationNotification" -> {
                    seen = LeanJson.once(seen, 21);
                    creationNotification = LeanJson.booleanOrNull(v);
                }
                case "expirationMode" -> {
                    seen = LeanJson.once(seen, 22);
                    expirationMode = LeanJson.textOrNull(parser, v);
                }
                case "restrictedRights" -> {
                    seen = LeanJson.once(seen, 23);
                    restrictedRights = LeanJson.booleanOrNull(v);
                }
                case "preventAutomaticSuspension" -> {
                    seen = LeanJson.once(seen, 24);
                    preventAutomaticSuspension = LeanJson.booleanOrNull(v);
                }
                case "admin" -> {
                    seen = LeanJson.once(seen, 25);
                    admin = LeanJson.booleanOrNull(v);
                }
                case "permission" -> {
                    seen = LeanJson.once(seen, 26);
                    permission = LeanJson.textOrNull(parser, v);
                }
                case "buckets" -> {
                    seen = LeanJson.once(seen, 27);
                    buckets = LeanJson.textsOrNull(parser, v);
                }
                case "idleTimeoutMinutes" -> {
                    seen = LeanJson.once(seen, 28);
                    idleTimeoutMinutes = LeanJson.integerOrNull(parser, v);
                }
                default -> {
                    return null; // not a field of the command: the codec names it
                }
            }
        }
        return new CreateUser(login, email, firstName, lastName, status, mailLanguage, shareSpaceMax, saveSpaceMax,
                visibilityScope, modificationPrevention, company, companyDepartment, function, tfa, city, address,
                zipcode, country, phone, biography, suspensionDate, creationNotification, expirationMode,
                restrictedRights, preventAutomaticSuspension, admin, permission, buckets, idleTimeoutMinutes);
    }

    private static CreateContact createContact(JsonParser parser) {
        String ownerLogin = null;
        String ownerFirstName = null;
        String ownerLastName = null;
        String login = null;
        String email = null;
        String firstName = null;
        String lastName = null;
        String status = null;
        String mailLanguage = null;
        String visibilityScope = null;
        Boolean modificationPrevention = null;
        String company = null;
        String companyDepartment = null;
        String function = null;
        String tfa = null;
        String city = null;
        String address = null;
        String zipcode = null;
        String country = null;
        String phone = null;
        String biography = null;
        String suspensionDate = null;
        Boolean creationNotification = null;
        long seen = 0;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken v = parser.nextToken();
            switch (name) {
                case "ownerLogin" -> {
                    seen = LeanJson.once(seen, 0);
                    ownerLogin = LeanJson.textOrNull(parser, v);
                }
                case "ownerFirstName" -> {
                    seen = LeanJson.once(seen, 1);
                    ownerFirstName = LeanJson.textOrNull(parser, v);
                }
                case "ownerLastName" -> {
                    seen = LeanJson.once(seen, 2);
                    ownerLastName = LeanJson.textOrNull(parser, v);
                }
                case "login" -> {
                    seen = LeanJson.once(seen, 3);
                    login = LeanJson.textOrNull(parser, v);
                }
                case "email" -> {
                    seen = LeanJson.once(seen, 4);
                    email = LeanJson.textOrNull(parser, v);
                }
                case "firstName" -> {
                    seen = LeanJson.once(seen, 5);
                    firstName = LeanJson.textOrNull(parser, v);
                }
                case "lastName" -> {
                    seen = LeanJson.once(seen, 6);
                    lastName = LeanJson.textOrNull(parser, v);
                }
                case "status" -> {
                    seen = LeanJson.once(seen, 7);
                    status = LeanJson.textOrNull(parser, v);
                }
                case "mailLanguage" -> {
                    seen = LeanJson.once(seen, 8);
                    mailLanguage = LeanJson.textOrNull(parser, v);
                }
                case "visibilityScope" -> {
                    seen = LeanJson.once(seen, 9);
                    visibilityScope = LeanJson.textOrNull(parser, v);
                }
                case "modificationPrevention" -> {
                    seen = LeanJson.once(seen, 10);
                    modificationPrevention = LeanJson.booleanOrNull(v);
                }
                case "company" -> {
                    seen = LeanJson.once(seen, 11);
                    company = LeanJson.textOrNull(parser, v);
                }
                case "companyDepartment" -> {
                    seen = LeanJson.once(seen, 12);
                    companyDepartment = LeanJson.textOrNull(parser, v);
                }
                case "function" -> {
                    seen = LeanJson.once(seen, 13);
                    function = LeanJson.textOrNull(parser, v);
                }
                case "tfa" -> {
                    seen = LeanJson.once(seen, 14);
                    tfa = LeanJson.textOrNull(parser, v);
                }
                case "city" -> {
                    seen = LeanJson.once(seen, 15);
                    city = LeanJson.textOrNull(parser, v);
                }
                case "address" -> {
                    seen = LeanJson.once(seen, 16);
                    address = LeanJson.textOrNull(parser, v);
                }
                case "zipcode" -> {
                    seen = LeanJson.once(seen, 17);
                    zipcode = LeanJson.textOrNull(parser, v);
                }
                case "country" -> {
                    seen = LeanJson.once(seen, 18);
                    country = LeanJson.textOrNull(parser, v);
                }
                case "phone" -> {
                    seen = LeanJson.once(seen, 19);
                    phone = LeanJson.textOrNull(parser, v);
                }
                case "biography" -> {
                    seen = LeanJson.once(seen, 20);
                    biography = LeanJson.textOrNull(parser, v);
                }
                case "suspensionDate" -> {
                    seen = LeanJson.once(seen, 21);
                    suspensionDate = LeanJson.textOrNull(parser, v);
                }
                case "creationNotification" -> {
                    seen = LeanJson.once(seen, 22);
                    creationNotification = LeanJson.booleanOrNull(v);
                }
                default -> {
                    return null; // not a field of the command: the codec names it
                }
            }
        }
        return new CreateContact(ownerLogin, ownerFirstName, ownerLastName, login, email, firstName, lastName, status,
                mailLanguage, visibilityScope, modificationPrevention, company, companyDepartment, function, tfa, city,
                address, zipcode, country, phone, biography, suspensionDate, creationNotification);
    }
}
