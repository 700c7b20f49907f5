package com.wabill.scenarios;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import com.wabill.engine.Category;
import com.wabill.engine.ChargingEngine;
import com.wabill.engine.ConversationType;
import com.wabill.engine.Decision;
import com.wabill.engine.DeliveryStatus;
import com.wabill.engine.Direction;
import com.wabill.engine.Flag;
import com.wabill.engine.MonthPosition;
import com.wabill.engine.Outcome;
import com.wabill.engine.PricingRegime;
import com.wabill.engine.ReplayOrder;
import com.wabill.engine.ThreadMessage;
import com.wabill.engine.ThreadState;
import com.wabill.rating.PricedConversation;
import com.wabill.rating.PricedMessage;
import com.wabill.rating.RateCard;
import com.wabill.rating.ReferenceData;
import com.wabill.rating.ReferencePricer;
import com.wabill.rating.ServiceConversationFreeTier;
import com.wabill.rating.ServiceMessageFreeTier;
import com.wabill.rating.VolumeTiers;

/**
 * A scenario billed by the pure core alone, no Spring, no database: every thread replayed through the engine from an
 * empty state with each message's {@link PricingRegime}, priced by the {@link ReferencePricer}, and the month settled
 * by the calculators of {@code rating} in the order each expects (what the job's month-rating step does from the
 * ledger): the CBP service free tier, then the service messages' free tier, then the volume tiers over every charged
 * message. Its results are what the scenario's {@code expect} describes.
 */
final class ScenarioBilling {

    /** One accepted message, billed. {@code priced} is null for a message not priced on its own (CBP, inbound, ...). */
    record BilledMessage(String messageId, Decision decision, Outcome outcome, List<Flag> flags, PricedMessage priced) {
        BigDecimal amount() {
            return priced == null ? BigDecimal.ZERO : priced.amount();
        }
    }

    record Result(Map<String, BilledMessage> messages, Map<String, PricedConversation> conversationsByOpener) {
    }

    /** What a scenario row says about one message, and the engine's view of it. */
    private record Row(ThreadMessage message, String wabaId, String phoneNumberId, String businessPhoneNumber,
                       String contactWaId) {
    }

    private ScenarioBilling() {
    }

    static Result bill(ScenarioFile scenario, Path referenceDir) {
        ReferenceData reference = ReferenceData.load(referenceDir.resolve("accounts.csv"),
                referenceDir.resolve("markets.csv"), referenceDir.resolve("rate-cards"));
        Map<String, List<Row>> threads = new TreeMap<>();
        Map<String, Map<String, String>> rowById = new HashMap<>();
        Set<String> rejected = Set.copyOf(scenario.rejected());
        for (Map<String, String> fields : scenario.messages()) {
            String id = Objects.requireNonNull(fields.get("message_id"), "message without message_id");
            if (rejected.contains(id)) continue;
            Map<String, String> earlier = rowById.putIfAbsent(id, fields);
            if (earlier != null) {
                // a webhook retry merges; anything else is the ingest's business, not expected here
                if (earlier.equals(fields)) continue;
                throw new AssertionError(scenario.fileName() + ": " + id + " appears twice with different content but is not rejected");
            }
            Row row = toRow(fields, reference);
            threads.computeIfAbsent(row.phoneNumberId() + " / " + row.contactWaId(), k -> new ArrayList<>()).add(row);
        }

        ReferencePricer pricer = new ReferencePricer(reference);
        Map<String, BilledMessage> billed = new LinkedHashMap<>();
        Map<String, PricedConversation> conversations = new LinkedHashMap<>();
        Map<String, PricedConversation> byId = new HashMap<>();
        for (List<Row> thread : threads.values()) {
            thread.sort(Comparator.comparing(Row::message, ReplayOrder.INSTANCE));
            ThreadState state = ThreadState.EMPTY;
            for (Row r : thread) {
                ThreadMessage m = r.message();
                Decision d = ChargingEngine.decide(state, m);
                state = ChargingEngine.evolve(state, m, d);
                for (Decision.ClosedEarly c : d.closedEarly()) {
                    PricedConversation closed = byId.get(c.conversationId());
                    byId.put(c.conversationId(), closed.closedAt(c.closedAt()));
                }
                if (d.opened() != null) {
                    byId.put(d.opened().conversationId(), pricer.priceConversation(d.opened(), r.wabaId(),
                            r.phoneNumberId(), r.businessPhoneNumber(), r.contactWaId()));
                }
                PricedMessage p = pricer.priceMessage(m.messageId(), r.wabaId(), r.phoneNumberId(),
                        r.businessPhoneNumber(), r.contactWaId(), m.eventTime(), d);
                billed.put(m.messageId(), new BilledMessage(m.messageId(), d, d.outcome(), d.flags(), p));
            }
        }
        for (PricedConversation c : byId.values()) conversations.put(c.openingMessageId(), c);

        settleServiceConversations(conversations, reference);
        settleServiceMessages(billed, reference);
        settleVolumeTiers(billed, reference);
        return new Result(billed, conversations);
    }

    /** SPEC 2.6: the marked service conversations in order of opening time, then opening message id. */
    private static void settleServiceConversations(Map<String, PricedConversation> conversations, ReferenceData reference) {
        List<PricedConversation> marked = new ArrayList<>();
        for (PricedConversation c : conversations.values()) {
            if (c.monthPosition() == MonthPosition.SERVICE_CONVERSATION_FREE_TIER) marked.add(c);
        }
        marked.sort(Comparator.comparing(PricedConversation::openedAt).thenComparing(PricedConversation::openingMessageId));
        ServiceConversationFreeTier tier = new ServiceConversationFreeTier();
        for (PricedConversation c : marked) {
            ZoneId zone = reference.accounts().zone(c.wabaId());
            ServiceConversationFreeTier.Charge charge = tier.next(c.wabaId(), c.openedAt(), c.openingMessageId(), zone, c.rate());
            if (charge.rateMissing()) {
                reference.rateCards().rate(Currency.getInstance(c.currency()), c.market(), Category.SERVICE, c.openedAt(), zone);
                throw new AssertionError("the card offers no Service rate but rate() found one");
            }
            conversations.put(c.openingMessageId(), new PricedConversation(c.conversationId(), c.wabaId(),
                    c.phoneNumberId(), c.contactWaId(), c.businessPhoneNumber(), c.category(), charge.type(),
                    c.openedAt(), c.scheduledEnd(), c.closedAt(), c.openingMessageId(), c.country(), c.market(),
                    c.currency(), charge.rate(), charge.amount(), c.model(), c.day(), c.localMonth(), c.monthPosition()));
        }
    }

    /** SPEC 2.10.5: the marked service messages in order of event time, then message id. */
    private static void settleServiceMessages(Map<String, BilledMessage> billed, ReferenceData reference) {
        List<BilledMessage> marked = new ArrayList<>();
        for (BilledMessage b : billed.values()) {
            if (b.priced() != null && b.priced().monthPosition() == MonthPosition.SERVICE_MESSAGE_FREE_TIER) marked.add(b);
        }
        marked.sort(Comparator.comparing((BilledMessage b) -> b.priced().eventTime()).thenComparing(BilledMessage::messageId));
        ServiceMessageFreeTier tier = new ServiceMessageFreeTier();
        for (BilledMessage b : marked) {
            PricedMessage p = b.priced();
            ZoneId zone = reference.accounts().zone(p.wabaId());
            Currency currency = Currency.getInstance(p.currency());
            BigDecimal serviceRate = reference.rateCards().rateIfOffered(currency, p.market(), Category.SERVICE,
                    p.eventTime(), zone);
            ServiceMessageFreeTier.Charge charge = tier.next(p.phoneNumberId(), p.eventTime(), p.messageId(), zone, serviceRate);
            if (charge.rateMissing()) {
                reference.rateCards().rate(currency, p.market(), Category.SERVICE, p.eventTime(), zone);
                throw new AssertionError("the card offers no Service rate but rate() found one");
            }
            billed.put(b.messageId(), new BilledMessage(b.messageId(), b.decision(), charge.outcome(), b.flags(),
                    withPrice(p, charge.outcome(), p.pricingCategory(), charge.type(), charge.rate(), charge.amount())));
        }
    }

    /** SPEC 1.2: every charged message in order of event time, message id, WABA id. */
    private static void settleVolumeTiers(Map<String, BilledMessage> billed, ReferenceData reference) {
        List<BilledMessage> charged = new ArrayList<>();
        for (BilledMessage b : billed.values()) {
            if (b.priced() != null && b.outcome() == Outcome.CHARGED) charged.add(b);
        }
        charged.sort(Comparator.comparing((BilledMessage b) -> b.priced().eventTime())
                .thenComparing(BilledMessage::messageId).thenComparing(b -> b.priced().wabaId()));
        VolumeTiers tiers = new VolumeTiers();
        for (BilledMessage b : charged) {
            PricedMessage p = b.priced();
            ZoneId zone = reference.accounts().zone(p.wabaId());
            Currency currency = Currency.getInstance(p.currency());
            RateCard card = reference.rateCards().cardInForce(currency, p.eventTime(), zone).orElse(null);
            VolumeTiers.Charge charge = tiers.next(p.portfolioId(), p.wabaId(), p.messageId(), p.eventTime(), zone,
                    p.market(), p.pricingCategory(), card);
            if (charge.rateMissing()) {
                reference.rateCards().rate(currency, p.market(), p.pricingCategory(), p.eventTime(), zone);
                throw new AssertionError("the card offers no rate but rate() found one");
            }
            billed.put(b.messageId(), new BilledMessage(b.messageId(), b.decision(), b.outcome(), b.flags(),
                    withPrice(p, p.outcome(), p.pricingCategory(), p.pricingType(), charge.rate(), charge.amount())));
        }
    }

    private static PricedMessage withPrice(PricedMessage p, Outcome outcome, Category category, ConversationType type,
                                           BigDecimal rate, BigDecimal amount) {
        return new PricedMessage(p.messageId(), p.wabaId(), p.portfolioId(), p.phoneNumberId(), p.contactWaId(),
                p.businessPhoneNumber(), p.conversationId(), outcome, category, type, p.eventTime(), p.country(),
                p.market(), p.currency(), rate, amount, p.day(), p.localMonth(), p.monthPosition(), p.inWindow());
    }

    /** SPEC 1.1 and 2.1, for the well-formed rows that scenario files contain. */
    private static Row toRow(Map<String, String> row, ReferenceData reference) {
        String id = row.get("message_id");
        Direction direction = Direction.valueOf(upper(row.get("direction")));
        Instant sentAt = ScenarioFile.parseInstant(Objects.requireNonNull(row.get("sent_at"), id + ": no sent_at"));
        Instant deliveredAt = row.get("delivered_at") == null ? null : ScenarioFile.parseInstant(row.get("delivered_at"));
        boolean inbound = direction == Direction.INBOUND;
        Instant eventTime = !inbound && deliveredAt != null && !deliveredAt.isBefore(sentAt) ? deliveredAt : sentAt;
        boolean template = "TEMPLATE".equalsIgnoreCase(row.get("message_type"));
        Category category = template ? Category.valueOf(upper(row.get("template_category"))) : null;
        String referral = row.get("referral_source_type");
        boolean entryPoint = inbound && referral != null
                && (referral.equalsIgnoreCase("AD") || referral.equalsIgnoreCase("POST"));
        DeliveryStatus status = inbound ? null : DeliveryStatus.valueOf(upper(row.get("status")));
        String waba = row.get("waba_id");
        ZoneId zone = reference.accounts().zone(waba);
        PricingRegime regime = PricingRegime.at(eventTime, zone);
        if (regime == null) throw new AssertionError(id + ": no pricing model at " + eventTime + " in " + zone);
        ThreadMessage m = new ThreadMessage(id, direction, eventTime, template, category, entryPoint, status,
                deliveredAt != null, regime);
        return new Row(m, waba, row.get("phone_number_id"), row.get("business_phone_number"),
                contact(row.get("contact_wa_id")));
    }

    private static String upper(String s) {
        return Objects.requireNonNull(s, "missing value").toUpperCase(Locale.ROOT);
    }

    private static String contact(String waId) {
        return waId == null ? null : waId.replaceAll("[+\\s-]", "");
    }
}
