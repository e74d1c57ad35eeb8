package dev.vastbot.fleet;

import java.util.List;

/**
 * How a provision ended.
 *
 * @param operationId the journal entry
 * @param refusal why nothing was created, or null when it went ahead
 * @param boots one per created instance
 * @param notes what happened along the way (an offer taken, a create refused, each new
 *     instance's set-up), for people
 */
public record ProvisionResult(
    long operationId, String refusal, List<BootOutcome> boots, List<String> notes) {

  public ProvisionResult {
    boots = List.copyOf(boots);
    notes = List.copyOf(notes);
  }

  public boolean succeeded(int wanted) {
    return refusal == null
        && boots.size() == wanted
        && boots.stream().allMatch(b -> b.kind() == BootOutcome.Kind.RUNNING);
  }
}
