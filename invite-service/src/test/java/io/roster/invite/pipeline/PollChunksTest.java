package io.roster.invite.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.account.SuspendAccount;
import io.roster.contracts.account.SuspendAccounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PollChunksTest {

    @Test
    void aPollOfSingleAccountCommandsStaysOneTransaction() {
        assertThat(PollChunks.ends(poll(singles(500)), PollChunks.ACCOUNTS_PER_TRANSACTION)).containsExactly(500);
    }

    @Test
    void batchCommandsAreCutAtTheLimitAndAHeavierOneRunsAlone() {
        List<Envelope<Payload>> commands = poll(batch(400), batch(400), batch(400), batch(1000), single(), batch(999),
                single(), single());
        // 400 + 400 | 400 | 1000 | 1 + 999 | 1 + 1
        assertThat(PollChunks.ends(commands, 1000)).containsExactly(2, 3, 4, 6, 8);
    }

    @Test
    void anUndecodableRecordWeighsOneAccountAndNothingIsLost() {
        List<Envelope<Payload>> commands = poll(batch(999), null, batch(5));
        assertThat(PollChunks.ends(commands, 1000)).containsExactly(2, 3);
        assertThat(PollChunks.ends(List.of(), 1000)).isEmpty();
    }

    @SafeVarargs
    private static List<Envelope<Payload>> poll(List<Envelope<Payload>>... parts) {
        List<Envelope<Payload>> all = new ArrayList<>();
        Arrays.stream(parts).forEach(part -> all.addAll(part == null ? Arrays.asList((Envelope<Payload>) null) : part));
        return all;
    }

    private static List<Envelope<Payload>> singles(int count) {
        return IntStream.range(0, count).mapToObj(i -> envelope(new SuspendAccount("a" + i, "r"))).toList();
    }

    private static List<Envelope<Payload>> single() {
        return singles(1);
    }

    private static List<Envelope<Payload>> batch(int accounts) {
        List<SuspendAccounts.Suspension> suspensions = IntStream.range(0, accounts)
                .mapToObj(i -> new SuspendAccounts.Suspension("a" + i, null, Instant.EPOCH, Instant.EPOCH)).toList();
        return List.of(envelope(new SuspendAccounts("suspension date", suspensions)));
    }

    private static Envelope<Payload> envelope(Payload payload) {
        return Envelope.of("ws", "req", Actor.system("scheduler"), payload);
    }
}
