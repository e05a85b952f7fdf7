package io.roster.invite.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roster.invite.InviteProperties;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class InviteProblemHandlerTest {

    private final InviteProblemHandler handler = new InviteProblemHandler(new InviteProperties(2, List.of(),
            65536, new InviteProperties.Invitations(Duration.ofDays(7), 25, 5, Duration.ofSeconds(60), "http://x"),
            null, null, null, null));

    @Test
    void aNulThatReachedPostgresqlIsAClientError() {
        ResponseEntity<ProblemDetail> answer = handler.unstorable(new DataIntegrityViolationException("insert",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")));
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().getType()).isEqualTo(Problems.INVALID_CHARACTERS);
    }

    @Test
    void anyOtherIntegrityViolationStaysAServerError() {
        DataIntegrityViolationException other = new DataIntegrityViolationException("insert",
                new SQLException("null value in column", "23502"));
        assertThatThrownBy(() -> handler.unstorable(other)).isSameAs(other);
    }
}
