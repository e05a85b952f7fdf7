package io.roster.invite.account;

import io.roster.contracts.account.CreateContact;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.ConflictCheck;
import io.roster.invite.pipeline.Decision;
import io.roster.invite.pipeline.SetWiseCommandHandler;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code account.create-contact.v1}: a Kafka poll's run of them decided set-wise, an HTTP request as a run of one. */
@Component
class CreateContactHandler implements SetWiseCommandHandler<CreateContact> {

    private final AccountCreation creation;

    CreateContactHandler(AccountCreation creation) {
        this.creation = creation;
    }

    @Override
    public Class<CreateContact> payloadType() {
        return CreateContact.class;
    }

    @Override
    public List<Decision> decideAll(List<Command<CreateContact>> run) {
        return creation.decideAll(run, ConflictCheck.LOOKED_UP);
    }

    @Override
    public List<Decision> decideAll(List<Command<CreateContact>> run, ConflictCheck check) {
        return creation.decideAll(run, check);
    }

    /** Every command of a run is logged and every key it takes is a unique index's: see {@link ConflictCheck}. */
    @Override
    public ConflictCheck firstCheck() {
        return ConflictCheck.CAUGHT_ON_WRITE;
    }
}
