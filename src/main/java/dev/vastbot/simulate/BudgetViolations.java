package dev.vastbot.simulate;

/** How many clock hours, days and months (in the policy's zone) spent more than their cap. */
record BudgetViolations(int hours, int days, int months) {

  int total() {
    return hours + days + months;
  }

  /** {@code 0} or {@code 3 (2 h, 1 d, 0 mo)}. */
  String text() {
    return total() == 0 ? "0" : total() + " (" + hours + " h, " + days + " d, " + months + " mo)";
  }
}
