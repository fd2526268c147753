package io.alloycompanion;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the arrows pointing down: core knows nothing of JavaFX, the UI or the CLI; the CLI never needs the UI. */
@AnalyzeClasses(packages = "io.alloycompanion", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreHasNoJavaFx = noClasses().that().resideInAPackage("..core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..", "atlantafx..", "org.controlsfx..")
            .because("core services run in the CLI without a display");

    @ArchTest
    static final ArchRule coreDoesNotUseUiOrCli = noClasses().that().resideInAPackage("..core..")
            .should().dependOnClassesThat().resideInAnyPackage("..ui..", "..cli..");

    @ArchTest
    static final ArchRule cliDoesNotUseUi = noClasses().that().resideInAPackage("..cli..")
            .should().dependOnClassesThat().resideInAnyPackage("..ui..", "javafx..");

    @ArchTest
    static final ArchRule coreDoesNotPrint = noClasses().that().resideInAPackage("..core..")
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("core reports through return values and the log, never the console");

    @ArchTest
    static final ArchRule nativeCallsStayInThePlatformPackage = noClasses()
            .that().resideOutsideOfPackage("..core.platform..")
            .should().dependOnClassesThat().resideInAnyPackage("com.sun.jna..")
            .because("operating-system calls are made in one place, behind interfaces the rest of the app can test against");

    @ArchTest
    static final ArchRule onlyThreadPoolsBuildsThreads = noClasses()
            .that().resideOutsideOfPackage("..core.platform..")
            .should().accessClassesThat().belongToAnyOf(java.util.concurrent.Executors.class)
            .orShould().callConstructorWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                    com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                            com.tngtech.archunit.base.DescribedPredicate.describe("Thread",
                                    owner -> owner.isEquivalentTo(Thread.class)))))
            .because("threads are built in one place (ThreadPools): named, daemon, errors reported");
}
