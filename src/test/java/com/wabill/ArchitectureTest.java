package com.wabill;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import com.wabill.testsupport.FastTest;

/**
 * The house rules of the README's package map (docs/decisions.md says why): the top-level packages depend on each
 * other one way only, the pure core (engine, rating, invoicing, reconciliation) knows no framework, database or
 * Hadoop, and only {@code ledger} talks SQL. A new top-level package fails here until it is placed in the table.
 */
@FastTest
class ArchitectureTest {

    /** The application's compiled classes only: scanning the class path (shaded Hadoop jars) takes seconds. */
    private static final JavaClasses WABILL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(classesFolder());

    private static final String[] PURE = {
            "com.wabill.engine..", "com.wabill.rating..", "com.wabill.invoicing..", "com.wabill.reconciliation.."};

    private static Path classesFolder() {
        try {
            return Path.of(WabillApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theClassesAreThere() {
        // a wrong folder would make every rule below pass on nothing
        org.assertj.core.api.Assertions.assertThat(WABILL.size()).isGreaterThan(200);
        org.assertj.core.api.Assertions.assertThat(WABILL.containPackage("com.wabill.engine")).isTrue();
    }

    @Test
    void topLevelPackagesHaveNoCycle() {
        slices().matching("com.wabill.(*)..").should().beFreeOfCycles().check(WABILL);
    }

    /** The README's package map: each layer may use the ones it names, nothing else of ours. */
    @Test
    void packagesDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()
                .layer("application").definedBy("com.wabill")
                .layer("engine").definedBy("com.wabill.engine..")
                .layer("rating").definedBy("com.wabill.rating..")
                .layer("parquet").definedBy("com.wabill.parquet..")
                .layer("ingest").definedBy("com.wabill.ingest..")
                .layer("spill").definedBy("com.wabill.spill..")
                .layer("replay").definedBy("com.wabill.replay..")
                .layer("invoicing").definedBy("com.wabill.invoicing..")
                .layer("reconciliation").definedBy("com.wabill.reconciliation..")
                .layer("ledger").definedBy("com.wabill.ledger..")
                .layer("report").definedBy("com.wabill.report..")
                .layer("job").definedBy("com.wabill.job..")
                .layer("launch").definedBy("com.wabill.launch..")
                .layer("config").definedBy("com.wabill.config..")
                .layer("distribution").definedBy("com.wabill.distribution..")

                .whereLayer("engine").mayNotAccessAnyLayer()
                .whereLayer("parquet").mayNotAccessAnyLayer()
                .whereLayer("rating").mayOnlyAccessLayers("engine")
                .whereLayer("ingest").mayOnlyAccessLayers("engine", "parquet")
                .whereLayer("spill").mayOnlyAccessLayers("ingest", "engine")
                // replay's input is ingest's AcceptedMessage, read from spill files
                .whereLayer("replay").mayOnlyAccessLayers("engine", "rating", "spill", "ingest")
                .whereLayer("invoicing").mayOnlyAccessLayers("rating", "engine")
                .whereLayer("reconciliation").mayOnlyAccessLayers("rating", "engine")
                .whereLayer("ledger").mayOnlyAccessLayers(
                        "engine", "rating", "ingest", "spill", "replay", "invoicing", "reconciliation")
                // report writes the ledger's Parquet outputs, hence parquet
                .whereLayer("report").mayOnlyAccessLayers(
                        "engine", "rating", "ingest", "spill", "replay", "invoicing", "reconciliation", "parquet")
                .whereLayer("job").mayOnlyAccessLayers("engine", "rating", "parquet", "ingest", "spill", "replay",
                        "invoicing", "reconciliation", "ledger", "report")
                .whereLayer("launch").mayOnlyAccessLayers("engine", "rating", "parquet", "ingest", "spill", "replay",
                        "invoicing", "reconciliation", "ledger", "report", "job", "config")
                .whereLayer("config").mayOnlyAccessLayers("engine", "rating", "parquet", "ingest", "spill", "replay",
                        "invoicing", "reconciliation", "ledger", "report", "job")
                .whereLayer("distribution").mayOnlyAccessLayers("engine", "rating", "parquet", "ingest", "spill",
                        "replay", "invoicing", "reconciliation", "ledger", "report", "job")
                .check(WABILL);
    }

    @Test
    void pureCoreUsesNoFrameworkDatabaseOrHadoop() {
        noClasses().that().resideInAnyPackage(PURE)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "java.sql..", "javax.sql..", "org.postgresql..",
                        "org.apache.hadoop..", "org.apache.parquet..")
                .because("the billing rules must run and be tested the same way in any runner")
                .check(WABILL);
    }

    @Test
    void engineAndInvoicingReadNoFiles() {
        noClasses().that().resideInAnyPackage("com.wabill.engine..", "com.wabill.invoicing..")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..")
                .orShould().dependOnClassesThat().belongToAnyOf(java.io.File.class)
                .because("the charging rules and invoices are computed from values, without I/O")
                .check(WABILL);
    }

    @Test
    void engineDependsOnNoOtherWabillPackage() {
        noClasses().that().resideInAPackage("com.wabill.engine..")
                .should().dependOnClassesThat(resideInAPackage("com.wabill..")
                        .and(resideOutsideOfPackage("com.wabill.engine..")))
                .because("the engine is the core the other packages build on")
                .check(WABILL);
    }

    /**
     * SQL (JdbcTemplate, JDBC, PostgreSQL's COPY) only in {@code ledger}; {@code config} makes the data source.
     * Looking at an {@link SQLException} to tell a lost database from a bad statement is not talking SQL.
     */
    @Test
    void onlyLedgerTalksSql() {
        noClasses().that().resideOutsideOfPackages("com.wabill.ledger..", "com.wabill.config..")
                .should().dependOnClassesThat(resideInAnyPackage(
                        "org.springframework.jdbc..", "java.sql..", "org.postgresql..")
                        .and(not(assignableTo(SQLException.class))))
                .because("every SQL statement and advisory lock is in ledger")
                .check(WABILL);
    }

    /** The data source itself is handed by the job's configuration to the ledger's stores, and used nowhere else. */
    @Test
    void onlyLedgerConfigAndJobSeeTheDataSource() {
        noClasses().that().resideOutsideOfPackages("com.wabill.ledger..", "com.wabill.config..", "com.wabill.job..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.sql..")
                .check(WABILL);
    }
}
