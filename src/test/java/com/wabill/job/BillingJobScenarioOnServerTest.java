package com.wabill.job;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every scenario through the job against the PostgreSQL server instead of the embedded one. */
@EnabledIf("com.wabill.job.ServerPostgres#reachable")
class BillingJobScenarioOnServerTest extends BillingJobScenarioTest {

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        ServerPostgres.register(registry, "wabill_test_scenarios");
    }
}
