package com.wabill.job;

import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.wabill.launch.JobLaunchRunner;

/** What the job tests use of their Spring context: the launcher, the two jobs and the database. */
public abstract class JobTestBase {

    @Autowired
    protected JobLaunchRunner launcher;
    @Autowired
    protected Job billing;
    @Autowired
    protected Job reconcile;
    @Autowired
    protected JdbcTemplate jdbc;
}
