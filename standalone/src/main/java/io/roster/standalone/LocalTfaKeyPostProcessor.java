package io.roster.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A local run needs no configuration for TOTP sign-in either: when {@code roster.invite.tfa.encryption-key} is
 * not set and the embedded servers are on, a random key is generated once into
 * {@code <data-dir>/tfa-encryption.key} (owner-only) and used from then on, so enrolled authenticators survive a
 * restart. Anywhere else, set the property (and keep it with the database backups: without it, enrolled TOTP
 * secrets cannot be read).
 */
public class LocalTfaKeyPostProcessor implements EnvironmentPostProcessor {

    static final String PROPERTY = "roster.invite.tfa.encryption-key";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        // Only for the local run, whose embedded servers keep their data in the same directory.
        if (env.containsProperty(PROPERTY)
                || !env.getProperty("roster.standalone.embedded-infrastructure", Boolean.class, true)) {
            return;
        }
        Path dataDir = Path.of(env.getProperty("roster.standalone.data-dir", "./data")).toAbsolutePath().normalize();
        Path keyFile = dataDir.resolve("tfa-encryption.key");
        env.getPropertySources().addLast(new MapPropertySource("rosterLocalTfaKey", Map.of(PROPERTY, key(keyFile))));
    }

    private static String key(Path keyFile) {
        try {
            if (Files.exists(keyFile)) {
                return Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            Files.createDirectories(keyFile.getParent());
            Files.writeString(keyFile, encoded + "\n", StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data directory's own permissions apply.
            }
            LoggerFactory.getLogger(LocalTfaKeyPostProcessor.class).info(
                    "Generated the TOTP encryption key {} (set {} to use your own)", keyFile, PROPERTY);
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + keyFile, e);
        }
    }
}
