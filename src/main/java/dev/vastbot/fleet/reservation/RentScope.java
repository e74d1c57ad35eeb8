package dev.vastbot.fleet.reservation;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whose rent it is, for its reservation: a person's (the fleet's caps), or an autoscaler group's
 * (the group's too), with the instances it counts as leaving and the caps an approval lifted.
 *
 * @param group the autoscaler group; empty for a person's provision
 * @param leaving instances on their way out, which take no slot
 * @param waived caps lifted by an approval
 */
public record RentScope(Optional<String> group, Set<Long> leaving, Set<Cap> waived) {

  public RentScope {
    requireNonNull(group, "group == null");
    leaving = Set.copyOf(leaving);
    waived = waived.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(waived));
  }

  /** A person's provision: the fleet's slots and the total budget. */
  public static RentScope person() {
    return new RentScope(Optional.empty(), Set.of(), Set.of());
  }

  /** A person's provision an approver approved: every cap lifted, the slots still reserved. */
  public static RentScope approvedPerson() {
    return new RentScope(Optional.empty(), Set.of(), EnumSet.allOf(Cap.class));
  }

  /** A group's rent: its window's maximum and its budget too; {@code leaving} take no slot. */
  public static RentScope group(String group, Set<Long> leaving) {
    return new RentScope(Optional.of(group), leaving, Set.of());
  }

  /** The same rent with {@code cap} lifted (by an approval). */
  public RentScope waiving(Cap cap) {
    var lifted = EnumSet.of(cap);
    lifted.addAll(waived);
    return new RentScope(group, leaving, lifted);
  }
}
