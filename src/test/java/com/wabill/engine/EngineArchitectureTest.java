package com.wabill.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The engine is a pure core: the job, the readers and the ledger depend on it, never the reverse. */
class EngineArchitectureTest {

    /** The compiled engine classes only: scanning the whole class path (shaded Hadoop jars) takes seconds. */
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(engineClassesFolder());

    private static Path engineClassesFolder() {
        try {
            Path root = Paths.get(ChargingEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return root.resolve(ChargingEngine.class.getPackageName().replace('.', '/'));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void engineUsesNoFrameworkStorageOrFiles() {
        ArchRule rule = noClasses().that().resideInAPackage("com.wabill.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.hadoop..", "org.apache.parquet..",
                        "java.sql..", "javax.sql..", "java.nio.file..")
                .orShould().dependOnClassesThat().belongToAnyOf(java.io.File.class)
                .because("the charging rules must replay the same way in any runner, without I/O");
        rule.check(ENGINE);
    }

    @Test
    void engineDependsOnNoOtherWabillPackage() {
        noClasses().that().resideInAPackage("com.wabill.engine..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("com.wabill..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("com.wabill.engine..")))
                .because("the engine is the core the other packages build on")
                .check(ENGINE);
    }
}
