// Everything a benchmark starts or creates registers its undo here; the runner unwinds it last-in first-out, also on
// failure, Ctrl-C or the watchdog, so no server, database or temporary file outlives the run. A step may also give a
// synchronous last resort (kill a child, remove a directory) for when the process exits before the unwind is done.
import { progress } from './stats';

interface Step {
  name: string;
  undo: () => Promise<void>;
  lastResort?: () => void;
}

export class CleanupStack {
  private readonly steps: Step[] = [];
  private unwinding: Promise<void> | null = null;

  constructor() {
    process.on('exit', () => {
      for (const step of [...this.steps].reverse()) {
        try {
          step.lastResort?.();
        } catch {
          // exiting anyway: nothing left to report to
        }
      }
    });
  }

  /** Registers an undo; the returned function runs it now (once) and forgets it. */
  add(name: string, undo: () => Promise<void>, lastResort?: () => void): () => Promise<void> {
    const step: Step = { name, undo, lastResort };
    this.steps.push(step);
    return async () => {
      const index = this.steps.indexOf(step);
      if (index < 0) return;
      this.steps.splice(index, 1);
      await step.undo();
    };
  }

  /** Runs every undo still registered, newest first; a failing undo is reported and the others still run. */
  unwind(): Promise<void> {
    this.unwinding ??= (async () => {
      while (this.steps.length) {
        const step = this.steps[this.steps.length - 1];
        try {
          await step.undo();
        } catch (error) {
          progress(`cleanup of ${step.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        const index = this.steps.indexOf(step);
        if (index >= 0) this.steps.splice(index, 1);
      }
    })().finally(() => (this.unwinding = null));
    return this.unwinding;
  }
}
