package io.roster.invite.web;

import java.io.IOException;

/** More bytes came than a request body may hold: thrown from the body's stream, answered 413. */
class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("request bodies are limited to " + limit + " bytes");
    }
}
