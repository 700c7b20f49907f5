package com.wabill.ledger;

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
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowCallbackHandler;

import com.wabill.engine.Category;
import com.wabill.engine.ConversationType;
import com.wabill.engine.PricingModel;
import com.wabill.reconciliation.BillingRecords;
import com.wabill.reconciliation.ConversationLink;
import com.wabill.reconciliation.InvoiceTotal;
import com.wabill.reconciliation.MessagePricing;
import com.wabill.reconciliation.ReconciliationScope;
import com.wabill.reconciliation.ReplayItem;

/**
 * What reconciliation compares, read from the billing ledger: the replay's items (CBP conversations, free ones
 * included, PMP free entry point windows excluded; PMP-priced messages), the conversation links with the replay's
 * category and type, the PMP-priced messages with Meta's per-message pricing, our latest invoices (per currency),
 * and which months and WABAs the ledger has. Large reads are streamed with a
 * fetch size (a cursor when the connection is not in auto-commit).
 */
public final class ReconciliationReads implements BillingRecords {

    private static final int FETCH = 10_000;

    private final JdbcTemplate jdbc;

    public ReconciliationReads(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(FETCH);
    }

    @Override
    public long items(Map<String, ? extends Collection<YearMonth>> months, Consumer<ReplayItem> sink) {
        long n = 0;
        n += items("select c.conversation_id, c.waba_id, c.business_phone_number, c.country, c.category, c.type,"
                + " c.opened_at, c.amount, c.currency from conversation c"
                + " join unnest(?::text[], ?::text[]) m(waba, month) on c.waba_id = m.waba and c.local_month = m.month"
                + " where c.pricing_model = 'CBP'", months, ReplayItem.Kind.CONVERSATION, sink);
        n += items("select p.message_id, p.waba_id, p.business_phone_number, p.country, p.pricing_category,"
                + " p.pricing_type, p.event_time, p.amount, p.currency from priced_message p"
                + " join unnest(?::text[], ?::text[]) m(waba, month) on p.waba_id = m.waba and p.local_month = m.month",
                months, ReplayItem.Kind.MESSAGE, sink);
        return n;
    }

    /** Every replay item of the whole ledger. */
    public long allItems(Consumer<ReplayItem> sink) {
        return items(ReconciliationScope.parseWabaMonths(ledgerMonths()), sink);
    }

    private long items(String sql, Map<String, ? extends Collection<YearMonth>> months, ReplayItem.Kind kind,
            Consumer<ReplayItem> sink) {
        long[] n = {0};
        jdbc.query(sql, months(months), (RowCallbackHandler) rs -> {
            sink.accept(new ReplayItem(kind, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    Category.valueOf(rs.getString(5)), ConversationType.valueOf(rs.getString(6)), instant(rs, 7),
                    rs.getBigDecimal(8), rs.getString(9)));
            n[0]++;
        });
        return n[0];
    }

    @Override
    public long links(Map<String, ? extends Collection<YearMonth>> months, Function<String, ZoneId> zones,
            Consumer<ConversationLink> sink) {
        long[] n = {0};
        RowCallbackHandler toLink = rs -> {
            String cat = rs.getString(6);
            String type = rs.getString(7);
            sink.accept(new ConversationLink(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), cat == null ? null : Category.valueOf(cat),
                    type == null ? null : ConversationType.valueOf(type), instant(rs, 8),
                    PricingModel.valueOf(rs.getString(9))));
            n[0]++;
        };
        for (Map.Entry<String, ? extends Collection<YearMonth>> e : months.entrySet()) {
            ZoneId zone = zones.apply(e.getKey());
            for (YearMonth m : new TreeSet<>(e.getValue())) {
                Instant start = m.atDay(1).atStartOfDay(zone).toInstant();
                Instant end = m.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
                jdbc.query("select l.message_id, l.waba_id, l.meta_conversation_id, l.meta_conversation_category,"
                        + " l.conversation_id, coalesce(c.category, p.pricing_category), coalesce(c.type, p.pricing_type),"
                        + " l.event_time, l.pricing_model from meta_conversation_link l"
                        + " left join conversation c on c.conversation_id = l.conversation_id"
                        + " left join priced_message p on l.conversation_id is null and p.message_id = l.message_id"
                        // the UTC days around the local month come first: the links' and the priced messages' index
                        // on day find them, and no index on (waba_id, event_time) has to be kept up by every replay
                        + " where l.day between ? and ? and l.waba_id = ? and l.event_time >= ? and l.event_time < ?",
                        toLink, LocalDate.ofInstant(start, ZoneOffset.UTC), LocalDate.ofInstant(end, ZoneOffset.UTC),
                        e.getKey(), Timestamp.from(start), Timestamp.from(end));
            }
        }
        return n[0];
    }

    @Override
    public long pricedMessages(Map<String, ? extends Collection<YearMonth>> months, Consumer<MessagePricing> sink) {
        long[] n = {0};
        // only the messages with Meta's per-message pricing: the logs of older months have none
        jdbc.query("select p.message_id, p.waba_id, coalesce(p.business_phone_number, p.phone_number_id),"
                + " p.event_time, p.pricing_category, p.pricing_type, p.amount, p.currency, p.meta_pricing_category,"
                + " p.meta_pricing_type from priced_message p"
                + " join unnest(?::text[], ?::text[]) m(waba, month) on p.waba_id = m.waba and p.local_month = m.month"
                + " where p.meta_pricing_category is not null or p.meta_pricing_type is not null",
                months(months), (RowCallbackHandler) rs -> {
                    sink.accept(new MessagePricing(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4),
                            Category.valueOf(rs.getString(5)), ConversationType.valueOf(rs.getString(6)),
                            rs.getBigDecimal(7), rs.getString(8), rs.getString(9), rs.getString(10)));
                    n[0]++;
                });
        return n[0];
    }

    @Override
    public List<InvoiceTotal> latestInvoices(Map<String, ? extends Collection<YearMonth>> months) {
        // one invoice per WABA, month and currency (SPEC 3.2): a month of a currency change has two
        return jdbc.query("select distinct on (i.waba_id, i.period, i.currency) i.waba_id, i.period, i.currency,"
                + " i.amount from invoice i"
                + " join unnest(?::text[], ?::text[]) m(waba, month) on i.waba_id = m.waba and i.period = m.month"
                + " order by i.waba_id, i.period, i.currency, i.revision desc", months(months),
                (rs, i) -> new InvoiceTotal(rs.getString(1), YearMonth.parse(rs.getString(2)), rs.getString(3),
                        rs.getBigDecimal(4)));
    }

    /**
     * The (WABA, month) pairs the ledger has, as {@code WABA|YYYY-MM}: the months with conversations or priced
     * messages (every such month has an invoice, so the small invoice table answers), sorted.
     */
    public List<String> ledgerMonths() {
        return jdbc.queryForList("select distinct waba_id || '|' || period from invoice order by 1", String.class);
    }

    /** The WABAs of the ledger (those with an invoice). */
    public Set<String> ledgerWabas() {
        return new TreeSet<>(jdbc.queryForList("select distinct waba_id from invoice", String.class));
    }

    /** Binds the months as two arrays, WABAs and months, at parameters 1 and 2. */
    private static PreparedStatementSetter months(Map<String, ? extends Collection<YearMonth>> months) {
        return ps -> bindMonths(ps, months);
    }

    private static void bindMonths(PreparedStatement ps, Map<String, ? extends Collection<YearMonth>> months)
            throws SQLException {
        List<String> wabas = new ArrayList<>();
        List<String> ms = new ArrayList<>();
        months.forEach((w, list) -> list.forEach(m -> {
            wabas.add(w);
            ms.add(m.toString());
        }));
        ps.setArray(1, ps.getConnection().createArrayOf("text", wabas.toArray()));
        ps.setArray(2, ps.getConnection().createArrayOf("text", ms.toArray()));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
