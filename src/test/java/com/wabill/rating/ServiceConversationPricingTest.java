package com.wabill.rating;

import com.wabill.engine.ConversationType;
import com.wabill.rating.ServiceConversationPricing.ServicePrice;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServiceConversationPricingTest {

    private static final ServicePrice FREE_TIER = new ServicePrice(ConversationType.FREE_TIER, false);
    private static final ServicePrice CHARGED = new ServicePrice(ConversationType.REGULAR, true);
    private static final ServicePrice FREE_REGULAR = new ServicePrice(ConversationType.REGULAR, false);

    @Test
    void theThousandthIsFreeTheThousandAndFirstIsCharged() {
        LocalDate oct = LocalDate.of(2024, 10, 10);
        assertEquals(FREE_TIER, ServiceConversationPricing.price(oct, 1));
        assertEquals(FREE_TIER, ServiceConversationPricing.price(oct, 1000));
        assertEquals(CHARGED, ServiceConversationPricing.price(oct, 1001));
        assertEquals(CHARGED, ServiceConversationPricing.price(oct, 250_000));
    }

    @Test
    void freeTierStartsWithConversationBasedPricing() {
        assertEquals(FREE_TIER, ServiceConversationPricing.price(LocalDate.of(2023, 6, 1), 1));
        assertEquals(CHARGED, ServiceConversationPricing.price(LocalDate.of(2023, 6, 1), 1001));
        assertThrows(IllegalArgumentException.class, () -> ServiceConversationPricing.price(LocalDate.of(2023, 5, 31), 1));
    }

    @Test
    void fromNovember2024EveryServiceConversationIsFreeAndRegular() {
        assertEquals(CHARGED, ServiceConversationPricing.price(LocalDate.of(2024, 10, 31), 1001));
        assertEquals(FREE_REGULAR, ServiceConversationPricing.price(LocalDate.of(2024, 11, 1), 1));
        assertEquals(FREE_REGULAR, ServiceConversationPricing.price(LocalDate.of(2024, 11, 1), 1001));
        assertEquals(FREE_REGULAR, ServiceConversationPricing.price(LocalDate.of(2025, 6, 30), 5000));
    }

    @Test
    void positionsCountFromOne() {
        assertThrows(IllegalArgumentException.class, () -> ServiceConversationPricing.price(LocalDate.of(2024, 10, 1), 0));
    }
}
