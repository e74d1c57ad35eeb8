package dev.vastbot.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The size of the product's pieces, stated in the build: a class that takes more than
 * {@value #MAX_COLLABORATORS} things in its constructor does too much or hides a group of
 * collaborators that deserves a name; a source file over {@value #MAX_LINES} lines says in its
 * class comment why it is one piece. Records are exempt from the first rule: their components are
 * their data (a Vast offer, a config section), not collaborators.
 */
@AnalyzeClasses(packages = "dev.vastbot", importOptions = ImportOption.DoNotIncludeTests.class)
class ClassShapeTest {
  static final int MAX_COLLABORATORS = 8;
  static final int MAX_LINES = 400;
  /** What a long file's class comment says, followed by its reason. */
  static final String LONG_BECAUSE = "One piece because";
  private static final java.util.regex.Pattern TYPE_DECLARATION = java.util.regex.Pattern.compile(
      "^(public |abstract |final |sealed |non-sealed )*(class|interface|record|enum) ");

  @ArchTest
  static final ArchRule constructorsTakeAFewCollaborators =
      constructors()
          .that()
          .areDeclaredInClassesThat(DescribedPredicate.not(records()))
          .should(takeAtMost(MAX_COLLABORATORS))
          .because("a constructor with more collaborators than that hides a group that deserves a name");

  @Test
  void longSourceFilesSayWhyTheyAreOnePiece() throws IOException {
    List<String> unexplained;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      unexplained = files.filter(file -> file.toString().endsWith(".java"))
          .filter(ClassShapeTest::longAndUnexplained)
          .map(Path::toString)
          .sorted()
          .toList();
    }
    assertEquals(List.of(), unexplained, "files over " + MAX_LINES + " lines without \"" + LONG_BECAUSE
        + " ...\" in their class comment");
  }

  private static boolean longAndUnexplained(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      if (lines.size() <= MAX_LINES) {
        return false;
      }
      for (String line : lines) {
        if (TYPE_DECLARATION.matcher(line).find()) {
          return true; // the class comment, above the declaration, did not say why
        }
        if (line.stripLeading().startsWith("*") && line.contains(LONG_BECAUSE)) {
          return false;
        }
      }
      return true;
    } catch (IOException unreadable) {
      throw new java.io.UncheckedIOException(unreadable);
    }
  }

  private static DescribedPredicate<JavaClass> records() {
    return DescribedPredicate.describe("records", JavaClass::isRecord);
  }

  private static ArchCondition<JavaConstructor> takeAtMost(int parameters) {
    return new ArchCondition<>("take at most " + parameters + " parameters") {
      @Override
      public void check(JavaConstructor constructor, ConditionEvents events) {
        int taken = constructor.getRawParameterTypes().size();
        boolean innerOfInstance = constructor.getOwner().isInnerClass();
        int declared = innerOfInstance ? taken - 1 : taken;
        if (declared > parameters) {
          events.add(SimpleConditionEvent.violated(constructor,
              constructor.getFullName() + " takes " + declared + " parameters"));
        }
      }
    };
  }
}
