import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmark's peer: DuckDB sorts a day of message logs the way the billing job must (per thread, in time
 * order) and writes the result as Parquet. A single-file program:
 *
 * <pre>
 * java -cp duckdb_jdbc.jar scripts/DuckSort.java 'logs/date=2025-03-10/*.parquet' sorted.parquet [threads] [memory_limit] [temp_dir]
 * </pre>
 *
 * Prints the rows sorted and the seconds the COPY took (the process's own wall time includes starting the JVM and
 * compiling this file).
 */
public class DuckSort {

    public static void main(String[] args) throws SQLException {
        if (args.length < 2) {
            System.err.println("usage: DuckSort INPUT_GLOB OUTPUT.parquet [threads=2] [memory_limit, e.g. 1GB] [temp_dir]");
            System.exit(2);
        }
        String input = args[0];
        String output = args[1];
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        String memoryLimit = args.length > 3 && !args[3].isEmpty() ? args[3] : null;
        String tempDir = args.length > 4 && !args[4].isEmpty() ? args[4] : null;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET threads = " + threads);
            if (memoryLimit != null) s.execute("SET memory_limit = '" + memoryLimit.replace("'", "''") + "'");
            if (tempDir != null) s.execute("SET temp_directory = '" + tempDir.replace("'", "''") + "'");
            s.execute("SET preserve_insertion_order = false");
            long t0 = System.nanoTime();
            String sql = "COPY (SELECT * FROM read_parquet('" + input.replace("'", "''") + "', hive_partitioning = false)"
                    + " ORDER BY phone_number_id, contact_wa_id, sent_at, message_id)"
                    + " TO '" + output.replace("'", "''") + "' (FORMAT PARQUET)";
            long rows;
            if (s.execute(sql)) {
                try (ResultSet rs = s.getResultSet()) {
                    rows = rs.next() ? rs.getLong(1) : -1;
                }
            } else {
                rows = s.getUpdateCount();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            String version;
            try (ResultSet rs = s.executeQuery("SELECT version()")) {
                version = rs.next() ? rs.getString(1) : "?";
            }
            System.out.printf(java.util.Locale.ROOT, "duckdb %s: sorted %d rows in %.2f s with %d threads%n",
                    version, rows, seconds, threads);
        }
    }
}
