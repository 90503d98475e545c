import { blockingTime, timeToInteractive } from './time-to-interactive';

describe('time to interactive', () => {
  it('is the moment the content is ready when no long task follows it', () => {
    expect(timeToInteractive(800, [{ startMs: 100, durationMs: 300 }], 500, 1400)).toBe(800);
  });

  it('waits for the end of a long task running when the content is ready', () => {
    expect(timeToInteractive(800, [{ startMs: 700, durationMs: 200 }], 500, 1500)).toBe(900);
  });

  it('moves past long tasks that interrupt the quiet window, whatever order they were reported in', () => {
    const tasks = [
      { startMs: 1500, durationMs: 60 },
      { startMs: 1000, durationMs: 100 },
    ];
    expect(timeToInteractive(800, tasks, 500, 3000)).toBe(1560);
  });

  it('keeps the candidate when the next long task starts only after a full quiet window', () => {
    expect(timeToInteractive(800, [{ startMs: 1300, durationMs: 400 }], 500, 1300)).toBe(800);
  });

  it('is unknown until the page has been watched for a whole quiet window', () => {
    expect(timeToInteractive(800, [{ startMs: 900, durationMs: 100 }], 500, 1400)).toBeNull();
    expect(timeToInteractive(800, [{ startMs: 900, durationMs: 100 }], 500, 1500)).toBe(1000);
  });
});

describe('blocking time', () => {
  it('counts what each long task ran beyond 50 ms inside the interval', () => {
    const tasks = [
      { startMs: 0, durationMs: 120 },
      { startMs: 200, durationMs: 50 },
      { startMs: 900, durationMs: 300 },
    ];
    expect(blockingTime(tasks, 0, 1000)).toBe(70 + 50);
  });
});
