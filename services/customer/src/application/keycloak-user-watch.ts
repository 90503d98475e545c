import { randomUUID } from 'node:crypto';
import type { Logger } from '@crm/platform/logging';
import { systemActor } from '@crm/platform/auth';
import type { OffboardingResult, OffboardingService } from './offboarding-service';

/**
 * Notices users disabled in Keycloak by polling the admin API (`GET /admin/realms/crm/users?enabled=false`, as the
 * crm-services service account) and offboards each one still to offboard. Idempotent: a user whose accounts are gone
 * and whose offboarding is in the audit log is not touched again. Runs as the `offboarding` job (customer-service.ts).
 */
export class KeycloakUserWatch {
  private running: Promise<OffboardingResult[]> | null = null;

  constructor(
    private readonly offboarding: OffboardingService,
    private readonly logger: Logger,
  ) {}

  /** One poll: offboards every pending disabled user, one transaction each; a failure is logged and retried next poll. */
  pollOnce(): Promise<OffboardingResult[]> {
    // Overlapping polls (a slow Keycloak) share the one in flight.
    this.running ??= this.poll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async poll(): Promise<OffboardingResult[]> {
    const results: OffboardingResult[] = [];
    for (const userId of await this.offboarding.pendingUserIds()) {
      try {
        const result = await this.offboarding.offboardUser(userId, systemActor(randomUUID()));
        if (!result.alreadyOffboarded) {
          this.logger.info(
            { userId, accounts: result.accounts.length, handovers: result.handovers },
            'disabled user offboarded',
          );
        }
        results.push(result);
      } catch (err) {
        this.logger.error({ err, userId }, 'offboarding a disabled user failed');
      }
    }
    return results;
  }
}
