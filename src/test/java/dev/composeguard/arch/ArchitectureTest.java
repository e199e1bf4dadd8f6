package dev.composeguard.arch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers of docs/DEVELOPING.md, enforced: arrows point down only, and no two packages need each other.
 * A failure names the class and the dependency that breaks the rule; move the code, never loosen the rule.
 */
@AnalyzeClasses(packages = "dev.composeguard", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "dev.composeguard";

    /** Top to bottom. A layer may use the layers below it, never one above it. */
    @ArchTest
    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Launcher").definedBy(ROOT)
            .layer("Cli").definedBy(ROOT + ".cli..")
            .layer("Guard").definedBy(ROOT + ".guard..")
            .layer("Prompt").definedBy(ROOT + ".prompt..")
            .layer("Libraries").definedBy(ROOT + ".backup..", ROOT + ".plan..", ROOT + ".rules..",
                    ROOT + ".ledger..", ROOT + ".schedule..")
            .layer("Foundation").definedBy(ROOT + ".engine..", ROOT + ".project..", ROOT + ".exec..")
            .layer("Core").definedBy(ROOT + ".core..")
            .layer("Invocation").definedBy(ROOT + ".invocation..")
            .whereLayer("Launcher").mayNotBeAccessedByAnyLayer()
            .whereLayer("Cli").mayOnlyBeAccessedByLayers("Launcher")
            .whereLayer("Guard").mayOnlyBeAccessedByLayers("Launcher", "Cli")
            .whereLayer("Prompt").mayOnlyBeAccessedByLayers("Launcher", "Cli", "Guard")
            .whereLayer("Libraries").mayOnlyBeAccessedByLayers("Launcher", "Cli", "Guard", "Prompt")
            .whereLayer("Foundation").mayOnlyBeAccessedByLayers("Launcher", "Cli", "Guard", "Prompt", "Libraries")
            .whereLayer("Core").mayOnlyBeAccessedByLayers("Launcher", "Cli", "Guard", "Prompt", "Libraries",
                    "Foundation")
            .whereLayer("Invocation").mayOnlyBeAccessedByLayers("Launcher", "Cli", "Guard", "Prompt", "Libraries",
                    "Foundation", "Core");

    /** Packages beside each other (backup and schedule, engine and project …) may use one another one way only. */
    @ArchTest
    static final ArchRule NO_CYCLES = slices().matching(ROOT + ".(**)").should().beFreeOfCycles();
}
