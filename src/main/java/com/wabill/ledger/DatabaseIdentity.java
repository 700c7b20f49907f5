package com.wabill.ledger;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which database this is, as a name safe for a folder: the cluster's system identifier (set by initdb, unique per
 * cluster, the embedded one included), the database's oid and its name. Two databases, on one server or on two,
 * never have the same identity; a physical copy of a cluster (a replica promoted, a restored base backup) has the
 * same one, which is why the folder named by it is also locked while in use.
 */
public final class DatabaseIdentity {

    private static final Logger log = LoggerFactory.getLogger(DatabaseIdentity.class);

    private final JdbcTemplate jdbc;
    private volatile String identity;

    public DatabaseIdentity(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** {@code <system identifier>-<database oid>-<database name>}, the name reduced to [A-Za-z0-9_.]. */
    public String identity() {
        String id = identity;
        if (id != null) return id;
        String database = jdbc.queryForObject("select oid || '-' || datname from pg_database"
                + " where datname = current_database()", String.class);
        String cluster;
        try {
            cluster = jdbc.queryForObject("select system_identifier::text from pg_control_system()", String.class);
        } catch (DataAccessException e) {
            // a role that may not read the control file: the server's address stands in for the cluster
            log.debug("pg_control_system() refused; naming the cluster by its address", e);
            cluster = "srv" + Integer.toHexString(String.valueOf(jdbc.queryForObject(
                    "select coalesce(host(inet_server_addr()), 'local') || ':' || current_setting('port')",
                    String.class)).hashCode());
        }
        id = safe(cluster + "-" + database);
        identity = id;
        return id;
    }

    static String safe(String s) {
        String cleaned = s.replaceAll("[^A-Za-z0-9_.-]", "_");
        return cleaned.length() > 120 ? cleaned.substring(0, 120) : cleaned;
    }
}
