package dcgan4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The library's packages depend on each other one way only (docs/architecture.md): a newcomer can
 * read them bottom-up, and a change low down cannot need one high up. Inside {@code train}, the run
 * uses the step, its outputs and the rank seam, never the reverse.
 */
@AnalyzeClasses(packages = "dcgan4j", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTest {
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles =
            slices().matching("dcgan4j.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theStepKnowsNothingOfTheRunOrItsOutputs = noClasses()
            .that()
            .resideInAPackage("dcgan4j.train.step")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dcgan4j.train", "dcgan4j.train.outputs");

    @ArchTest
    static final ArchRule theOutputsKnowNothingOfTheRun = noClasses()
            .that()
            .resideInAPackage("dcgan4j.train.outputs")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dcgan4j.train");

    @ArchTest
    static final ArchRule theRankSeamKnowsNoneOfTrain = noClasses()
            .that()
            .resideInAPackage("dcgan4j.train.parallel")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dcgan4j.train", "dcgan4j.train.config", "dcgan4j.train.step", "dcgan4j.train.outputs");

    @ArchTest
    static final ArchRule theLibraryKnowsNoTool = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dcgan4j.bench..", "dcgan4j.dashboard..", "dcgan4j.cli..");
}
