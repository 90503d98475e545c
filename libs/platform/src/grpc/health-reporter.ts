import { healthV1 } from '@crm/contracts';
import type { Readiness } from '../health/readiness';

const { SERVING, NOT_SERVING, SERVICE_UNKNOWN } = healthV1.HealthCheckResponse_ServingStatus;
type ServingStatus = healthV1.HealthCheckResponse_ServingStatus;

interface Watcher {
  service: string;
  last?: ServingStatus;
  send(status: ServingStatus): void;
  end(): void;
}

/**
 * The status the gRPC health service reports, per registered service ('' is the whole server): SERVING only while
 * the readiness checks pass, NOT_SERVING as soon as shutdown starts. Watchers are re-evaluated every pollIntervalMs.
 */
export class HealthReporter {
  private readonly services = new Set<string>(['']);
  private readonly watchers = new Set<Watcher>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly readiness: Readiness,
    private readonly pollIntervalMs = 5000,
  ) {
    readiness.onShuttingDown(() => this.announceShutdown());
  }

  register(service: string): void {
    this.services.add(service);
  }

  registeredServices(): string[] {
    return [...this.services];
  }

  /** SERVICE_UNKNOWN for a service this server does not serve. */
  async statusOf(service: string): Promise<ServingStatus> {
    if (!this.services.has(service)) return SERVICE_UNKNOWN;
    if (this.readiness.isShuttingDown()) return NOT_SERVING;
    const report = await this.readiness.evaluate();
    return report.ready ? SERVING : NOT_SERVING;
  }

  markShuttingDown(): void {
    this.readiness.markShuttingDown();
  }

  /** Sends the current status, then every change; returns the function that stops watching. */
  watch(service: string, send: (status: ServingStatus) => void, end: () => void): () => void {
    const watcher: Watcher = { service, send, end };
    this.watchers.add(watcher);
    void this.refresh(watcher);
    this.timer ??= setInterval(() => this.refreshAll(), this.pollIntervalMs).unref();
    return () => {
      this.watchers.delete(watcher);
      if (this.watchers.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  private async refresh(watcher: Watcher): Promise<void> {
    this.emit(watcher, await this.statusOf(watcher.service).catch(() => NOT_SERVING));
  }

  private async refreshAll(): Promise<void> {
    await Promise.all([...this.watchers].map((watcher) => this.refresh(watcher)));
  }

  private emit(watcher: Watcher, status: ServingStatus): void {
    if (!this.watchers.has(watcher) || watcher.last === status) return;
    watcher.last = status;
    watcher.send(status);
  }

  // Watch streams would otherwise keep a draining server open forever.
  private announceShutdown(): void {
    for (const watcher of [...this.watchers]) {
      if (watcher.last !== SERVICE_UNKNOWN) this.emit(watcher, NOT_SERVING);
      this.watchers.delete(watcher);
      watcher.end();
    }
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
