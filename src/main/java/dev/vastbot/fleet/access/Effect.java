package dev.vastbot.fleet.access;


/**
 * What running a command does, as its handler declares it; who may run it follows from this alone
 * ({@code AccessPolicy}).
 */
public enum Effect {
  /** Shows something; changes nothing. Everyone in an allowed channel may read. */
  READ,
  /** Spends money, destroys, or changes what the fleet or the bot does: operators only. */
  MUTATING,
  /** Decides a pending request (approve or deny): approvers only. */
  APPROVAL
}
