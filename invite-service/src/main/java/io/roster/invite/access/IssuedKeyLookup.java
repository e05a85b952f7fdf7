package io.roster.invite.access;

import io.roster.adminaccess.AdminKeyLookup;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * invite-service checks admin keys against the keys it issues, not against a replica: a key issued or revoked over
 * HTTP works, or stops working, with the very next request. One query, as every admin request runs it.
 */
public class IssuedKeyLookup implements AdminKeyLookup {

    private final JdbcClient jdbc;

    public IssuedKeyLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ActiveKey> activeKey(String keyId) {
        return jdbc.sql("SELECT workspace_id, secret_sha256 FROM invite.access_key WHERE id = ? AND revoked_at IS NULL")
                .param(keyId)
                .query((rs, n) -> new ActiveKey(rs.getString(1), rs.getBytes(2)))
                .optional();
    }
}
