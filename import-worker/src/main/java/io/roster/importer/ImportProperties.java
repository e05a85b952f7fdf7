package io.roster.importer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code roster.importer.*}.
 *
 * @param schema the PostgreSQL schema import-worker owns
 */
@ConfigurationProperties("roster.importer")
public record ImportProperties(@DefaultValue("importer") String schema) {
}
