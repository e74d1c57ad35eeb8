package dev.vastbot.fleet;

import java.util.List;

/**
 * How a provision ended.
 *
 * @param operationId the journal entry
 * @param refusal why nothing was created, or null when it went ahead
 * @param boots one per created instance
 * @param problems what went wrong along the way (an offer taken, a create refused), for people
 */
public record ProvisionResult(
    long operationId, String refusal, List<BootOutcome> boots, List<String> problems) {

  public ProvisionResult {
    boots = List.copyOf(boots);
    problems = List.copyOf(problems);
  }

  public boolean succeeded(int wanted) {
    return refusal == null
        && boots.size() == wanted
        && boots.stream().allMatch(b -> b.kind() == BootOutcome.Kind.RUNNING);
  }
}
