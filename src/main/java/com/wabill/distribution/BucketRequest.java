package com.wabill.distribution;

import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * A partition request on the wire: {@code <step name> <step execution id>}, plain text, so that no Java
 * serialization crosses the broker (and a person reading the queue sees what it holds).
 */
final class BucketRequest {

    private BucketRequest() {
    }

    static String encode(StepExecutionRequest request) {
        return request.getStepName() + " " + request.getStepExecutionId();
    }

    static StepExecutionRequest decode(String text) {
        String[] parts = text.strip().split(" ");
        if (parts.length != 2) throw new IllegalArgumentException("not a partition request: '" + text + "'");
        return new StepExecutionRequest(parts[0], Long.parseLong(parts[1]));
    }
}
