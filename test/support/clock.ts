import { afterAll, beforeAll, vi } from 'vitest';

/**
 * Runs a test file's clock from a fixed instant (and on, at the wall clock's pace): what the file's handlers and
 * schedules compute from "now" (a session's prompt, an action's due-soon day, what counts as overdue) then reads the
 * same whatever day the suite runs. The gateway and the queues run in the test's own process, so they share it; the
 * emulators keep their own clocks, which nothing here compares with ours. Only `Date` is faked: timers stay real.
 */
export function useClockFrom(instant: string): void {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(instant), shouldAdvanceTime: true });
  });
  afterAll(() => {
    vi.useRealTimers();
  });
}
