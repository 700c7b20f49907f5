package com.wabill.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;
import com.wabill.reconciliation.ConversationLink;
import com.wabill.reconciliation.InvoiceTotal;
import com.wabill.reconciliation.ReconciliationScope;
import com.wabill.reconciliation.ReplayItem;

/**
 * Reads what reconciliation compares from the billing ledger (plain JDBC, so that tools without Spring can use it):
 * the replay's items (CBP conversations, free ones included, PMP free entry point windows excluded; PMP-priced
 * messages), the conversation links with the replay's category and type, our latest invoices, the billed days.
 * Large reads are streamed with a fetch size (a cursor when the connection is not in auto-commit).
 */
public final class LedgerReader {

    private static final int FETCH = 10_000;

    private final Connection connection;

    public LedgerReader(Connection connection) {
        this.connection = connection;
    }

    /** Every replay item of the given months ({@code local_month} of the ledger, per WABA). */
    public long items(Map<String, ? extends Collection<YearMonth>> months, Consumer<ReplayItem> sink)
            throws SQLException {
        long n = 0;
        n += query("select c.conversation_id, c.waba_id, c.business_phone_number, c.country, c.category, c.type,"
                + " c.opened_at, c.amount, c.currency from conversation c"
                + " join unnest(?::text[], ?::text[]) m(waba, month) on c.waba_id = m.waba and c.local_month = m.month"
                + " where c.pricing_model = 'CBP'", months, ReplayItem.Kind.CONVERSATION, sink);
        n += query("select p.message_id, p.waba_id, p.business_phone_number, p.country, p.pricing_category,"
                + " p.pricing_type, p.event_time, p.amount, p.currency from priced_message p"
                + " join unnest(?::text[], ?::text[]) m(waba, month) on p.waba_id = m.waba and p.local_month = m.month",
                months, ReplayItem.Kind.MESSAGE, sink);
        return n;
    }

    /** Every replay item of the whole ledger. */
    public long allItems(Consumer<ReplayItem> sink) throws SQLException {
        return items(ReconciliationScope.parseWabaMonths(ledgerMonths()), sink);
    }

    private long query(String sql, Map<String, ? extends Collection<YearMonth>> months, ReplayItem.Kind kind,
            Consumer<ReplayItem> sink) throws SQLException {
        long n = 0;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bindMonths(ps, 1, months);
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new ReplayItem(kind, rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), Category.valueOf(rs.getString(5)),
                            ConversationType.valueOf(rs.getString(6)), instant(rs, 7), rs.getBigDecimal(8),
                            rs.getString(9)));
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * The delivered (or refused) outbound messages with Meta's conversation id whose event time lies in the given
     * months (in each WABA's time zone), with the replay's conversation and its category and type (or, for a PMP
     * message priced on its own, its pricing category and type).
     */
    public long links(Map<String, ? extends Collection<YearMonth>> months, Function<String, ZoneId> zones,
            Consumer<ConversationLink> sink) throws SQLException {
        long n = 0;
        try (PreparedStatement ps = connection.prepareStatement(
                "select l.message_id, l.waba_id, l.meta_conversation_id, l.meta_conversation_category,"
                        + " l.conversation_id, coalesce(c.category, p.pricing_category), coalesce(c.type, p.pricing_type),"
                        + " l.event_time, l.pricing_model from conversation_link l"
                        + " left join conversation c on c.conversation_id = l.conversation_id"
                        + " left join priced_message p on l.conversation_id is null and p.message_id = l.message_id"
                        // the UTC days around the local month come first: the primary key (day, message_id) finds
                        // them, and no index on (waba_id, event_time) has to be kept up by every replay
                        + " where l.day between ? and ? and l.waba_id = ? and l.event_time >= ? and l.event_time < ?")) {
            ps.setFetchSize(FETCH);
            for (Map.Entry<String, ? extends Collection<YearMonth>> e : months.entrySet()) {
                ZoneId zone = zones.apply(e.getKey());
                for (YearMonth m : new TreeSet<>(e.getValue())) {
                    Instant start = m.atDay(1).atStartOfDay(zone).toInstant();
                    Instant end = m.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
                    ps.setObject(1, LocalDate.ofInstant(start, ZoneOffset.UTC));
                    ps.setObject(2, LocalDate.ofInstant(end, ZoneOffset.UTC));
                    ps.setString(3, e.getKey());
                    ps.setTimestamp(4, Timestamp.from(start));
                    ps.setTimestamp(5, Timestamp.from(end));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String cat = rs.getString(6);
                            String type = rs.getString(7);
                            sink.accept(new ConversationLink(rs.getString(1), rs.getString(2), rs.getString(3),
                                    rs.getString(4), rs.getString(5), cat == null ? null : Category.valueOf(cat),
                                    type == null ? null : ConversationType.valueOf(type), instant(rs, 8),
                                    PricingModel.valueOf(rs.getString(9))));
                            n++;
                        }
                    }
                }
            }
        }
        return n;
    }

    /** Our latest invoice revision of each of the given months that has one. */
    public List<InvoiceTotal> latestInvoices(Map<String, ? extends Collection<YearMonth>> months) throws SQLException {
        List<InvoiceTotal> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "select distinct on (i.waba_id, i.period) i.waba_id, i.period, i.currency, i.amount from invoice i"
                        + " join unnest(?::text[], ?::text[]) m(waba, month) on i.waba_id = m.waba and i.period = m.month"
                        + " order by i.waba_id, i.period, i.revision desc")) {
            bindMonths(ps, 1, months);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new InvoiceTotal(rs.getString(1), YearMonth.parse(rs.getString(2)), rs.getString(3),
                            rs.getBigDecimal(4)));
                }
            }
        }
        return out;
    }

    /** Every UTC day billed. */
    public NavigableSet<LocalDate> billedDays() throws SQLException {
        NavigableSet<LocalDate> days = new TreeSet<>();
        try (PreparedStatement ps = connection.prepareStatement("select day from billed_day");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) days.add(rs.getObject(1, LocalDate.class));
        }
        return days;
    }

    /**
     * The (WABA, month) pairs the ledger has, as {@code WABA|YYYY-MM}: the months with conversations or priced
     * messages (every such month has an invoice, so the small invoice table answers), sorted.
     */
    public List<String> ledgerMonths() throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "select distinct waba_id || '|' || period from invoice order by 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** The WABAs of the ledger (those with an invoice). */
    public Set<String> ledgerWabas() throws SQLException {
        Set<String> out = new TreeSet<>();
        try (PreparedStatement ps = connection.prepareStatement("select distinct waba_id from invoice");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private void bindMonths(PreparedStatement ps, int first, Map<String, ? extends Collection<YearMonth>> months)
            throws SQLException {
        List<String> wabas = new ArrayList<>();
        List<String> ms = new ArrayList<>();
        months.forEach((w, list) -> list.forEach(m -> {
            wabas.add(w);
            ms.add(m.toString());
        }));
        ps.setArray(first, connection.createArrayOf("text", wabas.toArray()));
        ps.setArray(first + 1, connection.createArrayOf("text", ms.toArray()));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
