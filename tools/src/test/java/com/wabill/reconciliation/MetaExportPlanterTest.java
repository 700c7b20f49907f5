package com.wabill.reconciliation;

import com.wabill.reconciliation.MetaExportPlanter.Plant;
import com.wabill.testsupport.FastTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

import static com.wabill.reconciliation.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

@FastTest
class MetaExportPlanterTest {

    @TempDir
    Path dir;

    final List<ReplayItem> items = ledger();
    final MetaExportWriter writer = new MetaExportWriter(ZONES);
    final MetaExportPlanter planter = new MetaExportPlanter(ZONES, w -> w.equals(WABA_2) ? "INR" : "USD",
            b -> true, (w, m) -> true);

    @Test
    void everyPlantIsReportedAsTheRowItSays() throws IOException {
        MetaExportPlanter.Result r = planter.plant(writer.buckets(items), writer.invoiceLines(items),
                EnumSet.allOf(Plant.class));
        assertEquals(List.of(), r.notPlanted());
        assertEquals(List.of(Plant.values()), r.planted().stream().map(MetaExportPlanter.Planted::plant).toList());
        assertRows(r, reconcileThroughFiles(dir, r.buckets(), r.invoiceLines(), items));
    }

    @Test
    void eachPlantAloneIsOneRow() throws IOException {
        for (Plant p : Plant.values()) {
            MetaExportPlanter.Result r = planter.plant(writer.buckets(items), writer.invoiceLines(items), List.of(p));
            assertEquals(1, r.planted().size(), p.label);
            Path sub = Files.createDirectories(dir.resolve(p.label));
            List<Discrepancy> rows = reconcileThroughFiles(sub, r.buckets(), r.invoiceLines(), items);
            assertRows(r, rows);
        }
    }

    @Test
    void nothingPlantedIsClean() throws IOException {
        MetaExportPlanter.Result r = planter.plant(writer.buckets(items), writer.invoiceLines(items), List.of());
        assertEquals(List.of(), r.planted());
        assertEquals(List.of(), reconcileThroughFiles(dir, r.buckets(), r.invoiceLines(), items));
    }

    @Test
    void onlyWhatTheReconciliationComparesIsPlantedIn() {
        MetaExportPlanter none = new MetaExportPlanter(ZONES, w -> "USD", b -> false, (w, m) -> false);
        MetaExportPlanter.Result r = none.plant(writer.buckets(items), writer.invoiceLines(items),
                EnumSet.allOf(Plant.class));
        assertEquals(List.of(), r.planted());
        assertEquals(Plant.values().length, r.notPlanted().size(), r.notPlanted().toString());
        assertEquals(writer.invoiceLines(items), r.invoiceLines());
    }

    @Test
    void plantLabels() {
        assertEquals(Plant.INVOICE_CENT, Plant.of("invoice-cent"));
        assertEquals(Plant.WRONG_PRICE, Plant.of("WRONG_PRICE"));
        assertThrows(IllegalArgumentException.class, () -> Plant.of("typo"));
    }

    private static void assertRows(MetaExportPlanter.Result r, List<Discrepancy> rows) {
        assertEquals(r.planted().size(), rows.size(), rows.toString());
        for (MetaExportPlanter.Planted p : r.planted()) {
            long n = rows.stream().filter(d -> same(d, p.expected())).count();
            assertEquals(1, n, p.plant().label + ": expected " + p.expected() + " among " + rows);
        }
    }

    static boolean same(Discrepancy a, Discrepancy x) {
        return a.kind() == x.kind() && a.wabaId().equals(x.wabaId())
                && Objects.equals(a.phoneNumber(), x.phoneNumber())
                && Objects.equals(a.periodStart(), x.periodStart()) && Objects.equals(a.periodEnd(), x.periodEnd())
                && Objects.equals(a.country(), x.country()) && a.category() == x.category() && a.type() == x.type()
                && Objects.equals(a.expectedCount(), x.expectedCount())
                && Objects.equals(a.billedCount(), x.billedCount())
                && amount(a.expectedAmount(), x.expectedAmount()) && amount(a.billedAmount(), x.billedAmount())
                && amount(a.difference(), x.difference());
    }

    static boolean amount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
