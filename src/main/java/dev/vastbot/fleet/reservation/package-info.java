/**
 * Reserve-then-rent: the reservations that make instance caps and budgets hold under any
 * concurrency. A rent first takes a {@link dev.vastbot.fleet.reservation.Reservation} in the store,
 * in one transaction under a lock that serialises every reserver (threads and processes alike),
 * after a pure {@link dev.vastbot.fleet.reservation.ReservationRule} checked it against what is
 * committed; each instance it creates then turns one slot into a tracked instance, and the end of
 * the rent releases what is left. JDK only.
 */
package dev.vastbot.fleet.reservation;
