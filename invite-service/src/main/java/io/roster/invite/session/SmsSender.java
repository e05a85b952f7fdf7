package io.roster.invite.session;

/**
 * Sends a text message to a mobile phone. Provide a bean of this type to use an SMS provider (mark it
 * {@code @Primary} if the mail gateway is configured too); otherwise {@link MailGatewaySmsSender} is used when
 * {@code roster.invite.sms.mail-gateway-domain} is set, and sign-in of an account in SMS mode is refused (503)
 * when neither is.
 */
public interface SmsSender {

    /**
     * @param phoneNumber as stored with the account (may contain spaces, dashes, a leading +)
     * @throws SmsDeliveryException when the message could not be handed over
     */
    void send(String phoneNumber, String text);

    class SmsDeliveryException extends RuntimeException {
        public SmsDeliveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
