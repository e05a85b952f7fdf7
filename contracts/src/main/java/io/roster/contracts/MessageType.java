package io.roster.contracts;

import io.roster.contracts.access.AccessKeyIssued;
import io.roster.contracts.access.AccessKeyRevoked;
import io.roster.contracts.access.RevokeAccessKey;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountDeleted;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.AccountStatusChanged;
import io.roster.contracts.account.AccountSuspensionWarned;
import io.roster.contracts.account.AccountUpdated;
import io.roster.contracts.account.CloseAccount;
import io.roster.contracts.account.CreateContact;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.DeleteAccount;
import io.roster.contracts.account.ResetTwoFactor;
import io.roster.contracts.account.InviteUsers;
import io.roster.contracts.account.ReactivateAccount;
import io.roster.contracts.account.SuspendAccount;
import io.roster.contracts.account.SuspendAccounts;
import io.roster.contracts.account.UpdateAccount;
import io.roster.contracts.account.UpdateSessionSettings;
import io.roster.contracts.account.WarnOfSuspension;
import io.roster.contracts.activity.ActivityRecorded;
import io.roster.contracts.bucket.BucketCreated;
import io.roster.contracts.bucket.BucketDeleted;
import io.roster.contracts.bucket.CreateBucket;
import io.roster.contracts.bucket.DeleteBucket;
import io.roster.contracts.imports.ImportCompleted;
import io.roster.contracts.invitation.CancelInvitation;
import io.roster.contracts.invitation.ExpireInvitation;
import io.roster.contracts.invitation.InvitationChanged;
import io.roster.contracts.invitation.ResendInvitation;
import io.roster.contracts.workspace.UpdateWorkspaceSettings;
import io.roster.contracts.workspace.WorkspaceFacts;
import io.roster.contracts.workspace.WorkspaceSettingsChanged;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry of wire types: stable versioned name, payload record, and the topic it travels on. A new
 * incompatible shape gets a new name ({@code .v2}); the old one stays until no producer sends it.
 */
public enum MessageType {
    CREATE_USER("account.create-user.v1", CreateUser.class, Topics.ACCOUNT_REQUESTS),
    CREATE_CONTACT("account.create-contact.v1", CreateContact.class, Topics.ACCOUNT_REQUESTS),
    INVITE_USERS("account.invite-users.v1", InviteUsers.class, Topics.ACCOUNT_REQUESTS),
    UPDATE_ACCOUNT("account.update.v1", UpdateAccount.class, Topics.ACCOUNT_REQUESTS),
    SUSPEND_ACCOUNT("account.suspend.v1", SuspendAccount.class, Topics.ACCOUNT_REQUESTS),
    SUSPEND_ACCOUNTS("account.suspend-many.v1", SuspendAccounts.class, Topics.ACCOUNT_REQUESTS),
    REACTIVATE_ACCOUNT("account.reactivate.v1", ReactivateAccount.class, Topics.ACCOUNT_REQUESTS),
    CLOSE_ACCOUNT("account.close.v1", CloseAccount.class, Topics.ACCOUNT_REQUESTS),
    WARN_OF_SUSPENSION("account.warn-suspension.v1", WarnOfSuspension.class, Topics.ACCOUNT_REQUESTS),
    DELETE_ACCOUNT("account.delete.v1", DeleteAccount.class, Topics.ACCOUNT_REQUESTS),
    RESET_TWO_FACTOR("account.reset-two-factor.v1", ResetTwoFactor.class, Topics.ACCOUNT_REQUESTS),
    UPDATE_SESSION_SETTINGS("account.update-session-settings.v1", UpdateSessionSettings.class,
            Topics.ACCOUNT_REQUESTS),
    RESEND_INVITATION("invitation.resend.v1", ResendInvitation.class, Topics.ACCOUNT_REQUESTS),
    CANCEL_INVITATION("invitation.cancel.v1", CancelInvitation.class, Topics.ACCOUNT_REQUESTS),
    EXPIRE_INVITATION("invitation.expire.v1", ExpireInvitation.class, Topics.ACCOUNT_REQUESTS),
    CREATE_BUCKET("bucket.create.v1", CreateBucket.class, Topics.ACCOUNT_REQUESTS),
    DELETE_BUCKET("bucket.delete.v1", DeleteBucket.class, Topics.ACCOUNT_REQUESTS),
    UPDATE_WORKSPACE_SETTINGS("workspace.update-settings.v1", UpdateWorkspaceSettings.class,
            Topics.ACCOUNT_REQUESTS),
    REVOKE_ACCESS_KEY("access-key.revoke.v1", RevokeAccessKey.class, Topics.ACCOUNT_REQUESTS),

    ACCOUNT_CREATED("account.created.v1", AccountCreated.class, Topics.ACCOUNT_EVENTS),
    ACCOUNT_UPDATED("account.updated.v1", AccountUpdated.class, Topics.ACCOUNT_EVENTS),
    ACCOUNT_STATUS_CHANGED("account.status-changed.v1", AccountStatusChanged.class, Topics.ACCOUNT_EVENTS),
    ACCOUNT_DELETED("account.deleted.v1", AccountDeleted.class, Topics.ACCOUNT_EVENTS),
    ACCOUNT_SUSPENSION_WARNED("account.suspension-warned.v1", AccountSuspensionWarned.class,
            Topics.ACCOUNT_EVENTS),
    ACCOUNT_REQUEST_REJECTED("account.request-rejected.v1", AccountRequestRejected.class, Topics.ACCOUNT_EVENTS),

    INVITATION_CHANGED("invitation.changed.v1", InvitationChanged.class, Topics.ACCOUNT_EVENTS),

    BUCKET_CREATED("bucket.created.v1", BucketCreated.class, Topics.ACCOUNT_EVENTS),
    BUCKET_DELETED("bucket.deleted.v1", BucketDeleted.class, Topics.ACCOUNT_EVENTS),
    WORKSPACE_SETTINGS_CHANGED("workspace.settings-changed.v1", WorkspaceSettingsChanged.class,
            Topics.ACCOUNT_EVENTS),

    ACTIVITY_RECORDED("activity.recorded.v1", ActivityRecorded.class, Topics.ACTIVITY),
    IMPORT_COMPLETED("import.completed.v1", ImportCompleted.class, Topics.ACTIVITY),

    ACCESS_KEY_ISSUED("access-key.issued.v1", AccessKeyIssued.class, Topics.ACCESS_KEYS),
    ACCESS_KEY_REVOKED("access-key.revoked.v1", AccessKeyRevoked.class, Topics.ACCESS_KEYS),

    WORKSPACE_FACTS("workspace.facts.v1", WorkspaceFacts.class, Topics.WORKSPACES);

    private static final Map<String, MessageType> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toMap(MessageType::typeName, Function.identity()));
    private static final Map<Class<?>, MessageType> BY_CLASS =
            Arrays.stream(values()).collect(Collectors.toMap(MessageType::payloadClass, Function.identity()));

    private final String typeName;
    private final Class<? extends Payload> payloadClass;
    private final String topic;

    MessageType(String typeName, Class<? extends Payload> payloadClass, String topic) {
        this.typeName = typeName;
        this.payloadClass = payloadClass;
        this.topic = topic;
    }

    public String typeName() {
        return typeName;
    }

    public Class<? extends Payload> payloadClass() {
        return payloadClass;
    }

    public String topic() {
        return topic;
    }

    /** Commands are read strictly (an unknown field is a mistake of the sender); events tolerantly. */
    public boolean isCommand() {
        return topic.equals(Topics.ACCOUNT_REQUESTS);
    }

    public static Optional<MessageType> byName(String typeName) {
        return Optional.ofNullable(BY_NAME.get(typeName));
    }

    public static MessageType of(Payload payload) {
        MessageType type = BY_CLASS.get(payload.getClass());
        if (type == null) {
            throw new IllegalArgumentException("unregistered payload " + payload.getClass().getName());
        }
        return type;
    }
}
