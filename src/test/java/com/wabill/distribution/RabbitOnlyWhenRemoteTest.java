package com.wabill.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import com.wabill.testsupport.FastTest;

/** The local mode (the default) never configures RabbitMQ; manager and worker do. */
@FastTest
class RabbitOnlyWhenRemoteTest {

    static final String[] CANDIDATES = {"org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"};

    @Test
    void rabbitAutoConfigurationOnlyInManagerAndWorkerMode() {
        assertThat(match(new MockEnvironment())).containsExactly(false, true);
        assertThat(match(new MockEnvironment().withProperty(Partitioning.PROPERTY, "local"))).containsExactly(false, true);
        assertThat(match(new MockEnvironment().withProperty(Partitioning.PROPERTY, "manager"))).containsExactly(true, true);
        assertThat(match(new MockEnvironment().withProperty(Partitioning.PROPERTY, "Worker"))).containsExactly(true, true);
    }

    @Test
    void anUnknownModeIsRefused() {
        assertThatThrownBy(() -> Partitioning.of(new MockEnvironment().withProperty(Partitioning.PROPERTY, "remote")))
                .hasMessage("wabill.partitioning='remote' is not one of local, manager, worker.");
    }

    @Test
    void aFailedBucketIsReportedByTheMessageTheWorkerRecorded() {
        assertThat(RemoteBucketException.message("java.lang.IllegalStateException: no rate for market 'Brazil'\n"
                + "To fix: add it\n\tat com.wabill.X.y(X.java:1)\n")).isEqualTo("no rate for market 'Brazil'\nTo fix: add it");
        assertThat(RemoteBucketException.message(null)).contains("no cause recorded");
    }

    private static boolean[] match(MockEnvironment env) {
        RabbitOnlyWhenRemote filter = new RabbitOnlyWhenRemote();
        filter.setEnvironment(env);
        return filter.match(CANDIDATES, null);
    }
}
