import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { audit } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { ConflictError, InputError, PreconditionError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import {
  contractTerms,
  instalmentsOf,
  paymentPlansOf,
  paymentsOf,
  type ContractTerms,
  type InstalmentRow,
  type PaymentPlanRow,
  type PaymentRow,
} from '../db/payment-plan-rows';
import { Exact } from '../domain/exact-decimal';
import { validateInstalments } from '../domain/payment-plan';
import { lockContract, requireMoneyAccess } from './contract-money-lock';
import { stateOf, viewOf, type InstalmentCalendar, type InstalmentView } from './instalment-status';

/** A contract's payment plan as the API shows it: its instalments and every payment against the contract. */
export interface PaymentPlanView {
  contract: ContractTerms;
  /** 0 while no plan was set. */
  version: number;
  updatedBy: string | null;
  updatedAt: Date | null;
  /** With their status as of the read. */
  instalments: InstalmentView[];
  payments: PaymentRow[];
}

export interface SetPaymentPlanInput {
  contractId: string;
  instalments: { dueOn: string; amount: string }[];
  expectedVersion: number;
}

/** Payment plans (回款): instalments that never add up to more than the contract value. */
export class PaymentPlanService {
  constructor(
    private readonly dataSource: DataSource,
    readonly calendar: InstalmentCalendar,
  ) {}

  /** The plans of these contracts (null for an unknown contract); who may see them is the caller's to check. */
  async plansOf(
    contractIds: readonly string[],
    manager = this.dataSource.manager,
  ): Promise<(PaymentPlanView | null)[]> {
    const ids = contractIds.filter(isUuid);
    // One after the other: inside a transaction the four share one connection.
    const terms = await contractTerms(manager, ids);
    const plans = await paymentPlansOf(manager, ids);
    const instalments = await instalmentsOf(manager, ids);
    const payments = await paymentsOf(manager, ids);
    return contractIds.map((id) => {
      const contract = terms.get(id);
      if (!contract) return null;
      const live = (instalments.get(id) ?? []).map((row) => viewOf(row, this.calendar));
      return view(contract, plans.get(id), live, payments.get(id) ?? []);
    });
  }

  /** Plans for a reader already allowed to see them (the resolver checked), each read audited: contract money. */
  async readPlans(contractIds: readonly string[], actor: Actor): Promise<(PaymentPlanView | null)[]> {
    const plans = await this.plansOf(contractIds);
    await this.auditReads(
      plans.filter((p): p is PaymentPlanView => p !== null),
      actor,
    );
    return plans;
  }

  /** The plan of one contract, for someone who may see its money. */
  async get(contractId: string, actor: Actor): Promise<PaymentPlanView | null> {
    if (!isUuid(contractId)) throw InputError.single(['contractId'], 'uuid', 'must be a UUID');
    const [plan] = await this.plansOf([contractId]);
    if (!plan) return null;
    requireMoneyAccess(actor, plan.contract);
    await this.auditReads([plan], actor);
    return plan;
  }

  private async auditReads(plans: PaymentPlanView[], actor: Actor): Promise<void> {
    if (!plans.length) return;
    await this.dataSource.transaction(async (tx) => {
      for (const plan of plans) {
        await audit(tx, actor, 'payment_plan.read', { type: 'contract', id: plan.contract.id }, [], {
          version: plan.version,
        });
      }
    });
  }

  /**
   * Replaces the plan: instalment i keeps its id, payments and sent notices while its due date stands; the contract
   * row is locked first, so a racing writer waits, then meets the new version (CONFLICT) and the re-checked sum.
   */
  async set(input: SetPaymentPlanInput, actor: Actor): Promise<PaymentPlanView> {
    if (!isUuid(input.contractId)) throw InputError.single(['contractId'], 'uuid', 'must be a UUID');
    if (!Number.isInteger(input.expectedVersion) || input.expectedVersion < 0) {
      throw InputError.single(['expectedVersion'], 'min', 'must be an integer ≥ 0 (0 when the contract has no plan)');
    }
    return this.dataSource.transaction(async (tx) => {
      const contract = await lockContract(tx, input.contractId, actor);
      if (contract.status === 'terminated') {
        throw new PreconditionError(`contract ${contract.id} is terminated: its payment plan is closed`, {
          contractId: contract.id,
        });
      }
      const [before] = await this.plansOf([contract.id], tx);
      if (before!.version !== input.expectedVersion) {
        throw new ConflictError(
          `the payment plan is at version ${before!.version}, not ${input.expectedVersion}: reload it and apply your change again`,
          { field: 'expectedVersion', currentVersion: before!.version },
        );
      }
      const planned = validateInstalments(
        input.instalments.map((i) => ({ dueOn: i.dueOn, amount: { amount: i.amount, currency: contract.currency } })),
        { amount: contract.value, currency: contract.currency },
      );
      const existing = before!.instalments;
      existing.slice(planned.length).forEach((row) => {
        if (!new Exact(row.paid).isZero()) {
          throw InputError.single(
            ['instalments'],
            'keeps_paid_instalments',
            `instalment ${row.sequence} (due ${row.dueOn}) has ${row.paid} ${row.currency} paid on it: keep it in the plan`,
          );
        }
      });
      planned.forEach((instalment, index) => {
        const row = existing[index];
        if (row && new Exact(instalment.amount.amount).lt(row.paid)) {
          throw InputError.single(
            ['instalments', index, 'amount'],
            'min_paid',
            `must be at least the ${row.paid} ${row.currency} already paid on it`,
          );
        }
      });
      const now = new Date();
      await tx.query(`DELETE FROM instalments WHERE contract_id = $1 AND sequence > $2`, [contract.id, planned.length]);
      for (const [index, instalment] of planned.entries()) {
        const row = existing[index];
        const status = stateOf(
          { ...(row ?? emptyInstalment(contract)), dueOn: instalment.dueOn, amount: instalment.amount.amount },
          this.calendar,
          now,
        ).status;
        // A moved due date is a new date to be reminded of: its notices go out again.
        await tx.query(
          `INSERT INTO instalments (id, contract_id, sequence, due_on, amount, currency, status, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
           ON CONFLICT (contract_id, sequence) DO UPDATE SET
             amount = EXCLUDED.amount, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at,
             due_notice_sent_at = CASE WHEN instalments.due_on = EXCLUDED.due_on THEN instalments.due_notice_sent_at END,
             overdue_notice_sent_at =
               CASE WHEN instalments.due_on = EXCLUDED.due_on THEN instalments.overdue_notice_sent_at END,
             due_on = EXCLUDED.due_on`,
          [
            randomUUID(),
            contract.id,
            index + 1,
            instalment.dueOn,
            instalment.amount.amount,
            contract.currency,
            status,
            now,
          ],
        );
      }
      await tx.query(
        `INSERT INTO payment_plans (contract_id, version, updated_by, updated_at) VALUES ($1, 1, $2, $3)
         ON CONFLICT (contract_id) DO UPDATE SET version = payment_plans.version + 1, updated_by = $2, updated_at = $3`,
        [contract.id, actor.id, now],
      );
      const [after] = await this.plansOf([contract.id], tx);
      const shown = (plan: PaymentPlanView) => plan.instalments.map((i) => ({ dueOn: i.dueOn, amount: i.amount }));
      await audit(
        tx,
        actor,
        'payment_plan.set',
        { type: 'contract', id: contract.id },
        [{ field: 'instalments', before: shown(before!), after: shown(after!) }],
        { version: after!.version, currency: contract.currency },
      );
      return after!;
    });
  }
}

function view(
  contract: ContractTerms,
  plan: PaymentPlanRow | undefined,
  instalments: InstalmentView[],
  payments: PaymentRow[],
): PaymentPlanView {
  return {
    contract,
    version: plan?.version ?? 0,
    updatedBy: plan?.updatedBy ?? null,
    updatedAt: plan?.updatedAt ?? null,
    instalments,
    payments,
  };
}

function emptyInstalment(contract: ContractTerms): InstalmentRow {
  return {
    id: '',
    contractId: contract.id,
    sequence: 0,
    dueOn: '',
    amount: '0',
    currency: contract.currency,
    status: 'scheduled',
    paid: '0',
    dueNoticeSentAt: null,
    overdueNoticeSentAt: null,
  };
}
