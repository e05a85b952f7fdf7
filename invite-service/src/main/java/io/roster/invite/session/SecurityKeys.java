package io.roster.invite.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.VerificationException;
import io.roster.invite.InviteProperties;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * FIDO2 security keys with webauthn4j: the registration ceremony (at the first sign-in that needs a key) and the
 * assertion ceremony (every sign-in after). Options go out in the WebAuthn JSON form browsers read with
 * {@code PublicKeyCredential.parseCreationOptionsFromJSON} / {@code parseRequestOptionsFromJSON}; the credential
 * comes back as {@code PublicKeyCredential.toJSON()}. User verification (the key's PIN) is required. Attestation
 * is not requested: any FIDO2 authenticator model is accepted, the password having proven who registers it.
 */
@Component
class SecurityKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    private final SecondFactorRepository repository;
    private final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager();
    private final AttestedCredentialDataConverter credentials =
            new AttestedCredentialDataConverter(new ObjectConverter());
    private final Origin origin;
    private final String rpId;
    private final String rpName;
    private final long timeoutMillis;

    SecurityKeys(SecondFactorRepository repository, InviteProperties properties) {
        this.repository = repository;
        InviteProperties.TwoFactor tfa = properties.tfa();
        String originUrl = tfa.webauthnOrigin() != null ? tfa.webauthnOrigin()
                : properties.invitations().publicUrl().replaceAll("/+$", "");
        this.origin = new Origin(originUrl);
        this.rpId = tfa.webauthnRpId() != null ? tfa.webauthnRpId() : URI.create(originUrl).getHost();
        this.rpName = tfa.issuer();
        this.timeoutMillis = tfa.challengeTtl().toMillis();
    }

    /** The credential as {@code PublicKeyCredential.toJSON()} gives it (fields WebAuthn adds later are ignored). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Credential(String id, String rawId, String type, Response response) {

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Response(String clientDataJSON, String attestationObject, String authenticatorData, String signature,
                String userHandle, List<String> transports) {
        }
    }

    static byte[] newChallenge() {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        return challenge;
    }

    /** Whether the account has a key: then the ceremony is an assertion, else a registration. */
    boolean registered(UUID accountId) {
        return !repository.securityKeys(accountId).isEmpty();
    }

    /** PublicKeyCredentialCreationOptionsJSON */
    Map<String, Object> creationOptions(SessionRepository.Account account, byte[] challenge) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", BASE64URL.encodeToString(challenge));
        options.put("rp", Map.of("id", rpId, "name", rpName));
        options.put("user", Map.of("id", BASE64URL.encodeToString(userHandle(account.id())),
                "name", account.login() + "@" + account.workspaceId(), "displayName", account.login()));
        options.put("pubKeyCredParams", ALGORITHMS.stream()
                .map(p -> Map.of("type", "public-key", "alg", p.getAlg().getValue())).toList());
        options.put("timeout", timeoutMillis);
        options.put("attestation", "none");
        options.put("authenticatorSelection", Map.of("userVerification", "required", "residentKey", "discouraged"));
        return options;
    }

    /** PublicKeyCredentialRequestOptionsJSON */
    Map<String, Object> requestOptions(UUID accountId, byte[] challenge) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", BASE64URL.encodeToString(challenge));
        options.put("rpId", rpId);
        options.put("allowCredentials", repository.securityKeys(accountId).stream()
                .map(k -> Map.of("type", "public-key", "id", BASE64URL.encodeToString(k.credentialId()))).toList());
        options.put("userVerification", "required");
        options.put("timeout", timeoutMillis);
        return options;
    }

    /**
     * Verifies the credential against the challenge: a new key's attestation (registering it) when the account
     * has none, else an assertion signed by one of its keys (advancing its signature counter). False when it does
     * not verify, for whatever reason.
     */
    boolean verify(SecondFactorRepository.Challenge challenge, Credential credential) {
        if (credential == null || credential.response() == null || credential.response().clientDataJSON() == null) {
            return false;
        }
        ServerProperty server = new ServerProperty(origin, rpId, new DefaultChallenge(challenge.webauthnChallenge()));
        try {
            List<SecondFactorRepository.SecurityKey> keys = repository.securityKeys(challenge.accountId());
            return keys.isEmpty() ? register(challenge, credential, server) : assertion(keys, credential, server);
        } catch (VerificationException | DataConversionException | IllegalArgumentException e) {
            return false;
        }
    }

    private boolean register(SecondFactorRepository.Challenge challenge, Credential credential, ServerProperty server) {
        if (credential.response().attestationObject() == null) {
            return false;
        }
        RegistrationData data = webAuthn.verify(new RegistrationRequest(
                decode(credential.response().attestationObject()), decode(credential.response().clientDataJSON())),
                new RegistrationParameters(server, ALGORITHMS, true, true));
        AuthenticatorData<?> authenticator = data.getAttestationObject().getAuthenticatorData();
        byte[] attested = credentials.convert(authenticator.getAttestedCredentialData());
        return repository.addSecurityKey(challenge.accountId(), challenge.workspaceId(),
                new SecondFactorRepository.SecurityKey(authenticator.getAttestedCredentialData().getCredentialId(),
                        attested, authenticator.getSignCount(), authenticator.isFlagBE(), authenticator.isFlagBS()));
    }

    private boolean assertion(List<SecondFactorRepository.SecurityKey> keys, Credential credential,
            ServerProperty server) {
        Credential.Response response = credential.response();
        if (response.authenticatorData() == null || response.signature() == null || credential.rawId() == null) {
            return false;
        }
        byte[] credentialId = decode(credential.rawId());
        Optional<SecondFactorRepository.SecurityKey> key = keys.stream()
                .filter(k -> Arrays.equals(k.credentialId(), credentialId)).findFirst();
        if (key.isEmpty()) {
            return false;
        }
        SecondFactorRepository.SecurityKey k = key.get();
        CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), true,
                k.backupEligible(), k.backupState(), k.signCount(), credentials.convert(k.attestedCredentialData()),
                null, null, null, Set.of());
        AuthenticationData data = webAuthn.verify(new AuthenticationRequest(credentialId,
                        response.userHandle() == null ? null : decode(response.userHandle()),
                        decode(response.authenticatorData()), decode(response.clientDataJSON()), null,
                        decode(response.signature())),
                new AuthenticationParameters(server, record, keys.stream().map(
                        SecondFactorRepository.SecurityKey::credentialId).toList(), true, true));
        repository.securityKeyUsed(credentialId, data.getAuthenticatorData().getSignCount(),
                data.getAuthenticatorData().isFlagBS());
        return true;
    }

    private static byte[] decode(String base64url) {
        return Base64.getUrlDecoder().decode(base64url);
    }

    /** The WebAuthn user handle: the account id's 16 bytes, nothing personal. */
    private static byte[] userHandle(UUID accountId) {
        return ByteBuffer.allocate(16).putLong(accountId.getMostSignificantBits())
                .putLong(accountId.getLeastSignificantBits()).array();
    }
}
