import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * compare-outputs' Parquet reader: the rows of a folder of Parquet files (an output table such as
 * {@code conversations/}), in a text form that compares order-independently. A single-file program run with the
 * DuckDB JDBC jar on the class path:
 *
 * <pre>
 * java -cp duckdb_jdbc.jar scripts/ParquetRows.java DIR OUT [DIR OUT ...]
 * </pre>
 *
 * For each DIR it writes {@code OUT.schema} (each column's name and type as DuckDB reads it, and the Parquet schema
 * of the files: physical and logical types, repetition) and {@code OUT.csv}
 * (every row of every file under DIR, with the partition folder the file is in, e.g. {@code day=2025-03-01}, as a
 * last column; sorted by all columns, so the files' order, names and row groups do not matter). A DIR without
 * Parquet files gives {@code (absent)} or {@code (no parquet files)} in both.
 */
public class ParquetRows {

    public static void main(String[] args) throws SQLException, IOException {
        if (args.length == 0 || args.length % 2 != 0) {
            System.err.println("usage: ParquetRows DIR OUT [DIR OUT ...]");
            System.exit(2);
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET threads = 2");
            try {
                // timestamps with a zone are written in UTC, whatever the machine's zone
                s.execute("SET TimeZone = 'UTC'");
            } catch (SQLException noIcu) {
                System.err.println("ParquetRows: could not set the time zone to UTC: " + noIcu.getMessage());
            }
            for (int i = 0; i < args.length; i += 2) {
                dump(s, Path.of(args[i]), Path.of(args[i + 1]));
            }
        }
    }

    private static void dump(Statement s, Path dir, Path out) throws SQLException, IOException {
        Path schema = Path.of(out + ".schema");
        Path rows = Path.of(out + ".csv");
        if (!Files.isDirectory(dir)) {
            Files.writeString(schema, "(absent)\n");
            Files.writeString(rows, "(absent)\n");
            return;
        }
        long files;
        try (Stream<Path> w = Files.walk(dir)) {
            files = w.filter(p -> p.getFileName().toString().endsWith(".parquet")).count();
        }
        if (files == 0) {
            Files.writeString(schema, "(no parquet files)\n");
            Files.writeString(rows, "(no parquet files)\n");
            return;
        }
        String glob = (dir.toAbsolutePath() + "/**/*.parquet").replace("'", "''");
        String select = "SELECT * EXCLUDE (filename), regexp_extract(filename, '/([^/=]+=[^/]*)/[^/]*$', 1)"
                + " AS partition_folder FROM read_parquet('" + glob + "', filename = true, hive_partitioning = false)";
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("DESCRIBE " + select)) {
            while (rs.next()) columns.add(rs.getString("column_name") + " " + rs.getString("column_type"));
        }
        // and the files' own schema: physical types, repetition, logical types (the same in every file, or listed)
        try (ResultSet rs = s.executeQuery("SELECT DISTINCT name, type, type_length, repetition_type, converted_type,"
                + " scale, precision, logical_type FROM parquet_schema('" + glob + "') ORDER BY ALL")) {
            while (rs.next()) {
                StringBuilder line = new StringBuilder("parquet:");
                for (int c = 1; c <= 8; c++) line.append(' ').append(rs.getString(c));
                columns.add(line.toString());
            }
        }
        Files.write(schema, columns, StandardCharsets.UTF_8);
        s.execute("COPY (" + select + " ORDER BY ALL) TO '" + rows.toAbsolutePath().toString().replace("'", "''")
                + "' (FORMAT CSV, HEADER)");
    }
}
