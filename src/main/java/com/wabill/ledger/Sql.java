package com.wabill.ledger;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import com.wabill.invoicing.WabaMonth;

/** Small JDBC helpers shared by the outputs: the touched-months filter and value reading. */
public final class Sql {

    private Sql() {
    }

    /**
     * A join that keeps the rows of the touched months. Use as {@code join MONTHS t on x.waba_id = t.waba_id and
     * x.period = t.period}; bind with {@link #bindMonths}.
     */
    public static final String MONTHS = "unnest(?::text[], ?::text[]) as t(waba_id, period)";

    /** Binds the two arrays of {@link #MONTHS} at {@code index} and {@code index + 1}. */
    public static void bindMonths(PreparedStatement ps, int index, Collection<WabaMonth> months) throws SQLException {
        List<WabaMonth> sorted = new ArrayList<>(new TreeSet<>(months));
        String[] wabas = new String[sorted.size()];
        String[] periods = new String[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            wabas[i] = sorted.get(i).wabaId();
            periods[i] = sorted.get(i).period();
        }
        Array a = ps.getConnection().createArrayOf("text", wabas);
        Array b = ps.getConnection().createArrayOf("text", periods);
        ps.setArray(index, a);
        ps.setArray(index + 1, b);
    }

    /** A column's value as the outputs want it: numeric as BigDecimal, timestamps as Instant, else as read. */
    public static Object value(ResultSet rs, int column) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int type = md.getColumnType(column);
        String typeName = md.getColumnTypeName(column);
        switch (type) {
            case Types.NUMERIC, Types.DECIMAL:
                return rs.getBigDecimal(column);
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE:
                if ("timestamptz".equalsIgnoreCase(typeName) || type == Types.TIMESTAMP_WITH_TIMEZONE) {
                    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
                    return t == null ? null : t.toInstant();
                }
                LocalDateTime t = rs.getObject(column, LocalDateTime.class);
                return t == null ? null : t.toInstant(ZoneOffset.UTC);
            default:
                return rs.getObject(column);
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
