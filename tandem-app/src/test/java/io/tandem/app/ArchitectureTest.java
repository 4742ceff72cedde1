package io.tandem.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md, checked on the compiled classes of every module: a lower layer never imports a
 * higher one, the CTI server never imports the embedded switch, and packages form no cycles.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.tandem");
    }

    @Test
    void theWireProtocolAndTheSwitchPortUseNothingAboveThem() {
        noClasses().that().resideInAnyPackage("io.tandem.protocol..", "io.tandem.switchlink..", "io.tandem.common..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tandem.server..", "io.tandem.ucm..", "io.tandem.client..",
                        "io.tandem.app..", "io.tandem.bench..")
                .because("the wire protocol, the switch port and the shared infrastructure are the lowest layers").check(classes);
        noClasses().that().resideInAnyPackage("io.tandem.protocol..").should().dependOnClassesThat()
                .resideInAnyPackage("io.tandem.switchlink..", "io.tandem.common..").check(classes);
        noClasses().that().resideInAnyPackage("io.tandem.switchlink..").should().dependOnClassesThat()
                .resideInAnyPackage("io.tandem.protocol..", "io.tandem.common..").check(classes);
    }

    @Test
    void theCtiServerReachesTheSwitchOnlyThroughThePort() {
        noClasses().that().resideInAnyPackage("io.tandem.server..").should().dependOnClassesThat()
                .resideInAnyPackage("io.tandem.ucm..", "io.tandem.client..", "io.tandem.app..", "io.tandem.bench..")
                .because("a real CUCM adapter must be able to replace the embedded switch").check(classes);
    }

    @Test
    void theEmbeddedSwitchAndTheClientLibraryStayInTheirLayers() {
        noClasses().that().resideInAnyPackage("io.tandem.ucm..").should().dependOnClassesThat()
                .resideInAnyPackage("io.tandem.server..", "io.tandem.client..", "io.tandem.app..", "io.tandem.bench..").check(classes);
        noClasses().that().resideInAnyPackage("io.tandem.client..").should().dependOnClassesThat()
                .resideInAnyPackage("io.tandem.server..", "io.tandem.ucm..", "io.tandem.common..", "io.tandem.switchlink..",
                        "io.tandem.app..", "io.tandem.bench..").check(classes);
        noClasses().that().resideInAnyPackage("io.tandem.process..").should().dependOnClassesThat()
                .resideInAnyPackage("io.tandem.protocol..", "io.tandem.common..", "io.tandem.switchlink..", "io.tandem.ucm..",
                        "io.tandem.server..", "io.tandem.client..", "io.tandem.app..", "io.tandem.bench..")
                .because("the process helpers start Tandem by its class name and must not tie the tests to its classes").check(classes);
    }

    @Test
    void theReferenceRouterIsAClientOfTheProtocolOnly() {
        noClasses().that().resideInAnyPackage("io.tandem.app.router..").should().dependOnClassesThat()
                .resideInAnyPackage("io.tandem.server..", "io.tandem.ucm..", "io.tandem.switchlink..", "io.tandem.common..")
                .because("a routing application written for a T-Server uses the protocol and the client library, nothing inside")
                .check(classes);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("io.tandem.(**)").should().beFreeOfCycles().check(classes);
    }
}
