package dev.vastbot.fleet.reservation;

/** A limit a reservation is checked against; an approval may lift some of them for one rent. */
public enum Cap {
  /** {@code scaling.max_instances}: the whole fleet's size. */
  FLEET_SLOTS,
  /** An autoscaler group's maximum in the window now on. */
  GROUP_SLOTS,
  /** The hourly, daily and monthly spending caps, forecast (the group's and all groups'). */
  BUDGET
}
