/** One shared one-second timer for every countdown on screen (a queue of 50 rows runs one interval, not 50). */
type Listener = (now: number) => void;

const listeners = new Set<Listener>();
let timer: ReturnType<typeof setInterval> | null = null;

/** Calls `listener` with the current time every second until the returned function is called. */
export function subscribeToSeconds(listener: Listener): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => {
    const now = Date.now();
    listeners.forEach((l) => l(now));
  }, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}
