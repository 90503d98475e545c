/** The fields of one SLA target clock a countdown needs. */
export interface CountdownClock {
  deadline: string | null;
  warningAt: string | null;
  paused: boolean;
}

/** The clock whose deadline is the ticket's next one (its warning instant and pause state colour the countdown). */
export function clockOfNextDeadline(
  nextDeadline: string | null,
  clocks: readonly CountdownClock[],
): CountdownClock | null {
  if (!nextDeadline) return null;
  const due = Date.parse(nextDeadline);
  return (
    clocks.find((c) => c.deadline !== null && Date.parse(c.deadline) === due) ?? {
      deadline: nextDeadline,
      warningAt: null,
      paused: false,
    }
  );
}
