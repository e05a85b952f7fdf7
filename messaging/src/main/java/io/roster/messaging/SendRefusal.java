package io.roster.messaging;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Tells a send that will fail again however often it is retried from one that may succeed later.
 * <p>
 * Only refusals of the record itself count as final: its size, its content, its topic's name. Other errors that
 * Kafka calls non-retriable — authorization, a fenced or closed producer, an unsupported version — are about the
 * producer or the cluster and would refuse every row alike: parking them would empty the outbox into the parked
 * table. Those are retried with back-off, like an unreachable broker.
 */
public final class SendRefusal {

    private SendRefusal() {
    }

    public static boolean isFinal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException
                    || t instanceof InvalidRecordException || t instanceof InvalidTopicException
                    || t instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause, as one line for the parked row and the log. */
    public static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
