package io.roster.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LocalTfaKeyPostProcessorTest {

    @TempDir
    Path dataDir;

    private String keyAfterStart(Map<String, Object> properties) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new LocalTfaKeyPostProcessor().postProcessEnvironment(env, new SpringApplication());
        return env.getProperty(LocalTfaKeyPostProcessor.PROPERTY);
    }

    @Test
    void aLocalRunGeneratesItsKeyOnceAndKeepsItWithTheData() throws Exception {
        String first = keyAfterStart(Map.of("roster.standalone.data-dir", dataDir.toString()));
        assertThat(Base64.getDecoder().decode(first)).hasSize(32);
        Path file = dataDir.resolve("tfa-encryption.key");
        assertThat(Files.readString(file).strip()).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(keyAfterStart(Map.of("roster.standalone.data-dir", dataDir.toString()))).isEqualTo(first);
    }

    @Test
    void aConfiguredKeyOrExternalInfrastructureIsLeftAlone() {
        assertThat(keyAfterStart(Map.of("roster.standalone.data-dir", dataDir.toString(),
                LocalTfaKeyPostProcessor.PROPERTY, "configured"))).isEqualTo("configured");
        assertThat(keyAfterStart(Map.of("roster.standalone.data-dir", dataDir.toString(),
                "roster.standalone.embedded-infrastructure", "false"))).isNull();
        assertThat(dataDir.resolve("tfa-encryption.key")).doesNotExist();
    }
}
