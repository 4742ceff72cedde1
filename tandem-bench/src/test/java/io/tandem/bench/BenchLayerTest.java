package io.tandem.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The load generator measures the product from outside: it starts it as a process and never calls its classes. */
class BenchLayerTest {

    @Test
    void theBenchmarksUseTheProductOnlyAsAProcess() {
        noClasses().that().resideInAnyPackage("io.tandem.bench..").should().dependOnClassesThat().resideInAnyPackage("io.tandem.app..")
                .because("./tandem bench starts the product by its class name, so that the product does not ship the benchmarks")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.tandem.bench"));
    }
}
