package com.wabill.distribution;

import org.springframework.batch.core.step.StepExecution;

/**
 * A bucket that failed on a worker, as the manager knows it: the message the worker recorded in the job repository
 * (the first lines of its exit description, without the stack trace, which stays in the worker's log).
 */
public class RemoteBucketException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RemoteBucketException(String message) {
        super(message, null, false, false);
    }

    static RemoteBucketException of(StepExecution failed) {
        String description = failed.getExitStatus().getExitDescription();
        return new RemoteBucketException(message(description));
    }

    /** {@code com.x.SomeException: what happened\n\tat ...} becomes {@code what happened}. */
    static String message(String description) {
        if (description == null || description.isBlank()) return "the bucket failed on a worker (no cause recorded)";
        int frames = description.indexOf("\n\tat ");
        String head = (frames < 0 ? description : description.substring(0, frames)).strip();
        int colon = head.indexOf(": ");
        if (colon > 0 && head.substring(0, colon).matches("[\\w.$]+")) head = head.substring(colon + 2);
        return head;
    }
}
