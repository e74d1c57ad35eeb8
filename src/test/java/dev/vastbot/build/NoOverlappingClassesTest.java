package dev.vastbot.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar keeps one copy of each class, so no two jars on the class path may hold the same
 * class: otherwise which copy runs depends on the order the shade plugin met them. The class path
 * here is the test run's (every runtime dependency, and the test-only ones). Multi-release copies
 * under {@code META-INF/versions/} and {@code module-info} (filtered out of the shaded jar) are not
 * classes that clash.
 */
class NoOverlappingClassesTest {
  /**
   * Package annotations that slack-api-model and slack-api-client both carry; the shade plugin's
   * filter keeps slack-api-client's (pom.xml).
   */
  private static final Set<String> FILTERED_IN_THE_POM = Set.of(
      "com/slack/api/meta/package-info.class", "com/slack/api/util/json/package-info.class");

  @Test
  void noClassIsInTwoJars() throws IOException {
    List<File> jars = classPathJars();
    assertTrue(jars.size() > 20, "the dependency jars were not found on the class path: " + jars);

    Map<String, List<String>> overlaps = overlappingClasses(jars);
    FILTERED_IN_THE_POM.forEach(overlaps::remove);

    assertEquals(Map.of(), overlaps, "classes in more than one jar (the shaded jar keeps only the first it meets)");
  }

  /** Each class entry found in more than one jar, with the jars' names. */
  static Map<String, List<String>> overlappingClasses(List<File> jars) throws IOException {
    Map<String, List<String>> holders = new TreeMap<>();
    for (File jar : jars) {
      try (JarFile file = new JarFile(jar)) {
        file.stream().map(JarEntry::getName).filter(NoOverlappingClassesTest::clashes)
            .forEach(name -> holders.computeIfAbsent(name, n -> new ArrayList<>()).add(jar.getName()));
      }
    }
    holders.values().removeIf(names -> names.size() < 2);
    return holders;
  }

  private static boolean clashes(String entry) {
    return entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.endsWith("module-info.class");
  }

  /** The jars of the test class path (Surefire names them in surefire.test.class.path). */
  private static List<File> classPathJars() {
    String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Stream.of(path.split(File.pathSeparator)).map(File::new)
        .filter(file -> file.getName().endsWith(".jar") && file.isFile()).toList();
  }
}
