package com.wabill.ledger;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import com.wabill.invoicing.WabaMonth;

/** Small JDBC helpers of the ledger's queries: the touched-months filter and timestamps as instants. */
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

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
