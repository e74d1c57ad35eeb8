package dev.vastbot.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The layers of the product, stated in the build. The product's classes only (tests may reach
 * across layers to set up a scene).
 *
 * <ul>
 *   <li>the domain ({@code fleet}: model, values, pure decisions, ports) imports only the JDK, so
 *       every decision can be tested with values and a clock;
 *   <li>services ({@code service}) act through the ports: the domain, each other and the logging
 *       facade, never an adapter, so a fake of a port is all a service test needs;
 *   <li>the chat front end ({@code chat}) answers commands from the domain and the services, so
 *       Slack, the console and the CLI get the same answers;
 *   <li>adapters never import each other: they meet in the domain's ports, and only the
 *       composition root ({@code app}, {@code cli}) knows them all; beyond the domain an adapter
 *       reaches only what it serves ({@link #ADAPTER_REACH});
 *   <li>the config knows only the domain; the policy simulator only the domain, the config and the
 *       simulated marketplace's catalog;
 *   <li>the simulated marketplace and hosts ({@code sim}) import nothing of ours: they speak HTTP and
 *       SSH only, so a test against them tests the real protocol;
 *   <li>no package depends on itself through others.
 * </ul>
 */
@AnalyzeClasses(packages = "dev.vastbot", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
  private static final String[] ADAPTERS = {
    "vast", "ssh", "slack", "store", "sim", "chart", "demand", "hosts"
  };

  @ArchTest
  static final ArchRule domainImportsOnlyTheJdk =
      classes()
          .that()
          .resideInAPackage("dev.vastbot.fleet..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "dev.vastbot.fleet..")
          .because("the domain holds the model and the pure decisions, testable with values alone");

  @ArchTest
  static final ArchRule servicesActThroughPorts =
      classes()
          .that()
          .resideInAPackage("dev.vastbot.service..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "org.slf4j..", "dev.vastbot.fleet..", "dev.vastbot.service..")
          .because("a service reaches the world only through the domain's ports");

  @ArchTest
  static final ArchRule chatFrontEndCallsDomainAndServices =
      classes()
          .that()
          .resideInAPackage("dev.vastbot.chat..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..", "org.slf4j..", "dev.vastbot.fleet..", "dev.vastbot.service..", "dev.vastbot.chat..")
          .because("Slack, the console and the CLI call one front end that knows no adapter");

  @ArchTest
  static final ArchRule configReadsIntoTheDomainOnly =
      classes()
          .that()
          .resideInAPackage("dev.vastbot.config..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "com.fasterxml.jackson..", "dev.vastbot.fleet..", "dev.vastbot.config..")
          .because("the config is read into records of the domain's values, by Jackson, and knows no adapter");

  @ArchTest
  static final ArchRule policySimulatorRunsTheDomainOnTheSimulatedCatalog =
      classes()
          .that()
          .resideInAPackage("dev.vastbot.simulate..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "dev.vastbot.fleet..", "dev.vastbot.config..", "dev.vastbot.simulate..",
              "dev.vastbot.sim..")
          .because("the policy simulator runs the autoscaler's own decisions over the simulated marketplace's"
              + " catalog, with no service, adapter or I/O of the bot");

  @ArchTest
  static final ArchRule simulatorImportsNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage("dev.vastbot.sim..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.vastbot..").and(resideOutsideOfPackage("dev.vastbot.sim..")))
          .because("the simulator speaks only HTTP and SSH, so tests against it test the protocol");

  @ArchTest
  static final ArchRule nothingButTheCompositionRootKnowsIt =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.vastbot.app..", "dev.vastbot.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.vastbot.app..", "dev.vastbot.cli..")
          .because("only the composition root wires; nothing asks it for objects at run time");

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.vastbot.(**)").should().beFreeOfCycles();

  /**
   * Beyond the domain, what each adapter may use of ours: Slack serves the chat front end (and hands
   * a click to the approval service through it); the cost chart is an attachment of a chat command;
   * the demand signals read the P2P orchestrator's queue through the P2P service; the hosts file is
   * part of the config. Every other adapter knows the domain and its ports only.
   */
  private static final Map<String, List<String>> ADAPTER_REACH = Map.of(
      "slack", List.of("dev.vastbot.chat..", "dev.vastbot.service.."),
      "chart", List.of("dev.vastbot.chat.."),
      "demand", List.of("dev.vastbot.service.p2p.."),
      "hosts", List.of("dev.vastbot.config.."));

  @ArchTest
  static void adaptersReachOnlyTheDomainAndWhatTheyServe(JavaClasses classes) {
    for (String adapter : ADAPTERS) {
      List<String> allowed = new ArrayList<>(List.of("dev.vastbot.fleet..", "dev.vastbot." + adapter + ".."));
      allowed.addAll(ADAPTER_REACH.getOrDefault(adapter, List.of()));
      noClasses()
          .that()
          .resideInAPackage("dev.vastbot." + adapter + "..")
          .should()
          .dependOnClassesThat(resideInAPackage("dev.vastbot..")
              .and(DescribedPredicate.not(resideInAnyPackage(allowed.toArray(String[]::new)))))
          .because("an adapter meets the rest in the domain's ports; the few it serves are named in ADAPTER_REACH")
          .check(classes);
    }
  }

  @ArchTest
  static void adaptersNeverImportEachOther(JavaClasses classes) {
    for (String adapter : ADAPTERS) {
      String[] others =
          Arrays.stream(ADAPTERS)
              .filter(other -> !other.equals(adapter))
              .map(other -> "dev.vastbot." + other + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage("dev.vastbot." + adapter + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .because("adapters meet in the domain's ports; only the composition root knows them all")
          .check(classes);
    }
  }
}
