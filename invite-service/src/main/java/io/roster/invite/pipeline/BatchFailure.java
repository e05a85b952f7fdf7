package io.roster.invite.pipeline;

/** The index of the command of a batch that failed, after the ones before it were committed. */
public final class BatchFailure extends RuntimeException {

    private final int index;

    BatchFailure(int index, RuntimeException cause) {
        super(cause.getMessage(), cause);
        this.index = index;
    }

    public int index() {
        return index;
    }
}
