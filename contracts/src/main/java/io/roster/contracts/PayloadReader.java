package io.roster.contracts;

import tools.jackson.core.JsonParser;

/**
 * One message type's payload read by hand for {@link LeanEnvelopeReader}: the fields a consumer needs, bound without
 * Jackson's databinding. Called with the parser on the payload's opening brace; leaves it on the closing one.
 * Answers null, or throws, for anything it does not take as it is — the record is then read by the codec, whose
 * answer (the envelope, or the exact reason it is refused) is the reference. Whatever a reader returns, the codec
 * must return too, equal (or, for a consumer's own payload class, hold the same values in the fields it keeps).
 * {@link LeanJson} has the checks a reader needs to stay within the codec's strict reading.
 */
@FunctionalInterface
public interface PayloadReader<P extends Payload> {

    /**
     * @param json the record's bytes, for a reader that keeps a slice of them (the payload as received)
     */
    P read(JsonParser parser, byte[] json);
}
