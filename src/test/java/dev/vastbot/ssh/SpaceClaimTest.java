package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SpaceClaim}'s folder count, on given relative paths. */
class SpaceClaimTest {
  @Test
  void eachFolderCountsOnceHoweverManyFilesLieBelowIt() {
    // a, a/b, a/b/c, a/b.c, a/b.c/d, e: a name that sorts before "/" does not split a/b's files
    assertEquals(6, SpaceClaim.countFolders(new ArrayList<>(List.of(
        "a/b/", "a/b.c/d/", "a/b/c/", "a/b/", "e/", "a/", ""))));
  }

  @Test
  void filesInTheLocalFolderItselfNeedNoFolder() {
    assertEquals(0, SpaceClaim.countFolders(new ArrayList<>(List.of("", "", ""))));
  }

  @Test
  void aDeepChainCountsEveryFolderOnIt() {
    String deep = "x/".repeat(2000);
    assertEquals(2000 + 1, SpaceClaim.countFolders(new ArrayList<>(List.of(deep, deep, "y/"))));
  }
}
