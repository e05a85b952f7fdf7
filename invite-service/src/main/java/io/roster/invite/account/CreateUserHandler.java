package io.roster.invite.account;

import io.roster.contracts.account.CreateUser;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.ConflictCheck;
import io.roster.invite.pipeline.Decision;
import io.roster.invite.pipeline.SetWiseCommandHandler;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code account.create-user.v1}: a Kafka poll's run of them decided set-wise, an HTTP request as a run of one. */
@Component
class CreateUserHandler implements SetWiseCommandHandler<CreateUser> {

    private final AccountCreation creation;

    CreateUserHandler(AccountCreation creation) {
        this.creation = creation;
    }

    @Override
    public Class<CreateUser> payloadType() {
        return CreateUser.class;
    }

    @Override
    public List<Decision> decideAll(List<Command<CreateUser>> run) {
        return creation.decideAll(run, ConflictCheck.LOOKED_UP);
    }

    @Override
    public List<Decision> decideAll(List<Command<CreateUser>> run, ConflictCheck check) {
        return creation.decideAll(run, check);
    }

    /** Every command of a run is logged and every key it takes is a unique index's: see {@link ConflictCheck}. */
    @Override
    public ConflictCheck firstCheck() {
        return ConflictCheck.CAUGHT_ON_WRITE;
    }
}
