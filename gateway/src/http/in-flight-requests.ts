import type { RequestHandler } from 'express';
import { graphqlErrorBody } from './graphql-error-body';

/** Counts requests in progress so a shutdown can wait for them; once draining, turns new ones away. */
export class InFlightRequests {
  private count = 0;
  private draining = false;
  private readonly onIdle = new Set<() => void>();

  /** Tracks each request until its response is finished or its connection is gone. */
  track(): RequestHandler {
    return (_req, res, next) => {
      if (this.draining) {
        res.setHeader('connection', 'close');
        res
          .status(503)
          .type('application/json')
          .send(graphqlErrorBody('the gateway is shutting down', { code: 'UNAVAILABLE' }));
        return;
      }
      this.count += 1;
      res.once('close', () => {
        this.count -= 1;
        if (this.count === 0) for (const resolve of this.onIdle) resolve();
      });
      next();
    };
  }

  startDraining(): void {
    this.draining = true;
  }

  isDraining(): boolean {
    return this.draining;
  }

  inProgress(): number {
    return this.count;
  }

  /** Resolves true when no request is in progress, or false when timeoutMs passes first. */
  async drained(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return true;
    let resolveIdle: () => void = () => undefined;
    const idle = new Promise<true>((resolve) => {
      resolveIdle = () => resolve(true);
      this.onIdle.add(resolveIdle);
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([idle, timeout]);
    } finally {
      clearTimeout(timer);
      this.onIdle.delete(resolveIdle);
    }
  }
}
