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
 * @param awaitingApproval the provision waits for an approver (it would pass a limit); refusal says
 *     which
 * @param takenOffers offers someone else rented before this provision could (skipped)
 */
public record ProvisionResult(long operationId, String refusal, List<BootOutcome> boots, List<String> notes,
    boolean awaitingApproval, List<Long> takenOffers) {

  public ProvisionResult {
    boots = List.copyOf(boots);
    notes = List.copyOf(notes);
    takenOffers = List.copyOf(takenOffers);
  }

  public ProvisionResult(long operationId, String refusal, List<BootOutcome> boots, List<String> notes,
      boolean awaitingApproval) {
    this(operationId, refusal, boots, notes, awaitingApproval, List.of());
  }

  public ProvisionResult(long operationId, String refusal, List<BootOutcome> boots, List<String> notes) {
    this(operationId, refusal, boots, notes, false);
  }

  public boolean succeeded(int wanted) {
    return refusal == null
        && boots.size() == wanted
        && boots.stream().allMatch(b -> b.kind() == BootOutcome.Kind.RUNNING);
  }
}
