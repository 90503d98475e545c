/** Lets a polling loop sleep until either its interval passes or someone calls `wake()`. */
export class WakeSignal {
  private pending = false;
  private resolveSleep?: () => void;

  wake(): void {
    this.pending = true;
    this.resolveSleep?.();
  }

  /** Resolves after `ms`, or at once if woken since the last sleep. */
  async sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.resolveSleep = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.resolveSleep = undefined;
    this.pending = false;
  }
}
