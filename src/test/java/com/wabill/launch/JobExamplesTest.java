package com.wabill.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.CronExpression;
import org.yaml.snakeyaml.Yaml;

import com.wabill.testsupport.FastTest;

/**
 * The ways to run the nightly billing in {@code jobs/} (wabill's scheduled mode, cron, a systemd timer, a Kubernetes
 * CronJob) say the same thing: the billing job without from/to at 02:30 UTC, one run at a time, the password from
 * the environment.
 */
@FastTest
class JobExamplesTest {

    static final Path JOBS = Path.of("jobs");

    static Properties properties(String text) throws Exception {
        Properties p = new Properties();
        try (Reader r = new StringReader(text)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void theScheduledModeRunsAtHalfPastTwoUtc() throws Exception {
        Properties p = properties(Files.readString(JOBS.resolve("scheduled-billing.properties")));
        CronExpression cron = CronExpression.parse(p.getProperty("wabill.schedule"));
        assertThat(cron.next(java.time.ZonedDateTime.parse("2025-03-01T12:00:00Z")))
                .isEqualTo(java.time.ZonedDateTime.parse("2025-03-02T02:30:00Z"));
        assertThat(p.getProperty("wabill.schedule-zone")).isEqualTo("UTC");
        Properties nightly = properties(Files.readString(JOBS.resolve("nightly-billing.properties")));
        assertThat(nightly.getProperty("spring.batch.job.name")).isEqualTo("billing");
        assertThat(nightly.stringPropertyNames()).noneMatch(k -> k.equals("from") || k.equals("to")
                || k.equals("spring.datasource.password"));
    }

    @Test
    void cronRunsTheNightlyConfigurationAtHalfPastTwo() throws Exception {
        List<String> entries = Files.readAllLines(JOBS.resolve("cron/wabill-billing")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.matches("^[A-Z_]+=.*")).toList();
        assertThat(entries).hasSize(1);
        String[] f = entries.get(0).split("\\s+", 7);
        assertThat(CronExpression.parse("0 " + String.join(" ", f[0], f[1], f[2], f[3], f[4])))
                .isEqualTo(CronExpression.parse("0 30 2 * * *"));
        assertThat(f[5]).as("the user").isEqualTo("wabill");
        assertThat(f[6]).contains("java ").contains("-jar wabill.jar")
                .contains("--spring.config.additional-location=jobs/nightly-billing.properties")
                .doesNotContain("from=").doesNotContain("PASSWORD=");
    }

    @Test
    void theSystemdTimerStartsTheOneShotServiceAndCatchesUpAfterBoot() throws Exception {
        String timer = Files.readString(JOBS.resolve("systemd/wabill-billing.timer"));
        assertThat(timer).contains("OnCalendar=*-*-* 02:30:00 UTC").contains("Persistent=true")
                .contains("Unit=wabill-billing.service");
        String service = Files.readString(JOBS.resolve("systemd/wabill-billing.service"));
        assertThat(service).contains("Type=oneshot").contains("EnvironmentFile=/etc/wabill/wabill.env")
                .containsPattern("ExecStart=/usr/bin/java .*-jar /opt/wabill/wabill.jar"
                        + " --spring.config.additional-location=/opt/wabill/jobs/nightly-billing.properties\\n");
        String scheduled = Files.readString(JOBS.resolve("systemd/wabill-scheduled.service"));
        assertThat(scheduled).contains("Type=simple").contains("jobs/scheduled-billing.properties");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKubernetesCronJobRunsTheBillingJobOnceAtATime() throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object d : new Yaml().loadAll(Files.readString(JOBS.resolve("kubernetes/wabill-billing-cronjob.yaml")))) {
            docs.add((Map<String, Object>) d);
        }
        Map<String, Object> configMap = docs.stream().filter(d -> "ConfigMap".equals(d.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> cronJob = docs.stream().filter(d -> "CronJob".equals(d.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> spec = (Map<String, Object>) cronJob.get("spec");
        assertThat(spec).containsEntry("schedule", "30 2 * * *").containsEntry("timeZone", "Etc/UTC")
                .containsEntry("concurrencyPolicy", "Forbid");
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                spec.get("jobTemplate")).get("spec")).get("template")).get("spec");
        assertThat(pod).containsEntry("restartPolicy", "Never");
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        assertThat((List<String>) container.get("args"))
                .containsExactly("--spring.config.additional-location=/config/nightly-billing.properties");
        assertThat(container.get("env").toString()).contains("SPRING_DATASOURCE_PASSWORD").contains("secretKeyRef");

        String file = (String) ((Map<String, Object>) configMap.get("data")).get("nightly-billing.properties");
        Properties p = properties(file);
        assertThat(p.getProperty("spring.batch.job.name")).isEqualTo("billing");
        assertThat(p.getProperty("spring.datasource.url")).as("state lives in a real PostgreSQL").startsWith("jdbc:postgresql://");
        assertThat(p.stringPropertyNames()).doesNotContain("spring.datasource.password", "from", "to");
        assertThat(Files.readString(JOBS.resolve("kubernetes/Dockerfile"))).contains("COPY target/wabill.jar");
    }
}
