package io.roster.contracts.account;

import io.roster.contracts.Payload;

/** A request on {@code roster.account.requests}; its outcome is an event on {@code roster.account.events}. */
public interface AccountCommand extends Payload {
}
