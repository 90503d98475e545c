import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { boundedCount, decodeCursor, pageSize, toPage, type CountablePage } from '@crm/platform/pagination';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  PreconditionError,
  type FieldViolation,
} from '@crm/platform/errors';
import type { AccountFields } from '../domain/account';
import { validateAccountFields } from '../domain/account-rules';
import { dedupeKeys, matchedOn, type DedupeKeys, type DuplicateMatch } from '../domain/dedupe-keys';
import { diffFields } from '../domain/field-diff';
import { planMerge } from '../domain/merge-plan';
import { AccountEntity, type AccountRow } from '../db/account.entity';
import { isUuid } from '../domain/uuid';
import { duplicateCandidateIdsSql } from '../db/duplicate-candidates-sql';
import { recordEvent, eventChanges } from '../events/customer-events';
import { accountToProto, protoEnums, rowToFields } from '../mapping/account-mapping';
import { accountVisibilitySql } from '../policy/visibility-filter';
import { defaultPhoneCountry } from '../domain/phone-number';
import type { Actor } from '@crm/platform/auth';
import { appendAudit, audit, auditEntry, changesOf, type AuditEntry } from '@crm/platform/audit';
import { accessLevel } from '../policy/access-facts';
import { readableAccounts } from '../policy/require-account-access';
import { revokeSharesOfPreviousOwner } from './sharing-service';
import { canCreateAccounts, canMerge, canReassign, canWriteSensitive } from '../policy/account-access';
import { validateSensitiveTerms, type SensitiveTerms } from '../domain/sensitive-terms';
import type { CustomFieldService } from './custom-fields';
import { archivedFieldViolations, splitArchivedValues } from '../domain/custom-fields';
import { rowsInOrder } from '../db/rows-in-order';
import { purgeRecycleBin, type PurgeResult } from './recycle-bin-purge';
import { defaultOwnership, ownershipRefusal } from '../policy/account-ownership';

export interface DuplicateCandidate {
  account: AccountRow;
  matchedOn: DuplicateMatch[];
}

export type DuplicatePolicy = 'block' | 'override';

export interface CreateAccountResult {
  account: AccountRow | null;
  duplicates: DuplicateCandidate[];
}

function toInputError(
  violations: { path: (string | number)[]; rule: string; message: string }[],
  prefix: (string | number)[],
): InputError {
  const mapped: FieldViolation[] = violations.map((v) => ({ ...v, path: [...prefix, ...v.path] }));
  return new InputError(mapped);
}

/** The custom field values of an input, when it carries an object of them (the rules report anything else). */
function customFieldsOf(input: Partial<AccountFields>): Record<string, unknown> {
  const values: unknown = input.customFields;
  return values && typeof values === 'object' && !Array.isArray(values) ? (values as Record<string, unknown>) : {};
}

/** Writes the normalized fields and their search/dedupe keys onto a row. */
export function applyFields(row: AccountRow, fields: AccountFields): void {
  const keys = dedupeKeys(fields);
  Object.assign(row, {
    name: fields.name,
    nameKey: keys.name,
    taxId: fields.taxId,
    taxIdKey: keys.taxId,
    industry: fields.industry,
    size: fields.size,
    website: fields.website,
    addresses: fields.addresses,
    phones: fields.phones,
    phoneKeys: keys.phones,
    emails: fields.emails,
    emailKeys: keys.emails,
    tags: fields.tags,
    grade: fields.grade,
    lifecycleStage: fields.lifecycleStage,
    ownerId: fields.ownerId,
    teamId: fields.teamId,
    customFields: fields.customFields,
    description: fields.description,
  });
}

/** Accounts: the rules of src/domain applied in transactions that also write the events to the outbox. */
export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customFields: CustomFieldService,
    /** Country of phone numbers typed without '+'. */
    private readonly defaultCountry: string = defaultPhoneCountry,
  ) {}

  /** The account if the actor may read it: NOT_FOUND when it does not exist, FORBIDDEN when it is someone else's. */
  async get(id: string, actor: Actor, options: { includeDeleted?: boolean } = {}): Promise<AccountRow> {
    const row = await this.dataSource.getRepository(AccountEntity).findOne({ where: { id } });
    if (!row || (!options.includeDeleted && row.deletedAt)) throw new NotFoundError('account', id);
    if ((await accessLevel(this.dataSource.manager, actor, row)) === 'none') {
      throw new NotAllowedError(`account ${id} belongs to someone else: ask for access`, {
        accountId: id,
        canRequestAccess: true,
      });
    }
    return row;
  }

  /** Rows in the order of `ids`; missing, deleted and not visible ones are left out. */
  async batchGet(ids: readonly string[], actor: Actor): Promise<AccountRow[]> {
    const readable = await readableAccounts(this.dataSource.manager, actor, ids.filter(isUuid));
    return ids.map((id) => readable.get(id)).filter((r): r is AccountRow => !!r);
  }

  /** Locks the account for a change and checks the actor may edit it. */
  private async lockForEdit(
    tx: EntityManager,
    id: string,
    actor: Actor,
    options: { allowDeleted?: boolean } = {},
  ): Promise<AccountRow> {
    const row = await tx.getRepository(AccountEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!row || (!options.allowDeleted && row.deletedAt)) throw new NotFoundError('account', id);
    const level = await accessLevel(tx, actor, row);
    if (level !== 'edit') {
      throw new NotAllowedError(
        level === 'read'
          ? `you may read account ${id} but not change it`
          : `account ${id} belongs to someone else: ask for access`,
        { accountId: id, canRequestAccess: level === 'none' },
      );
    }
    return row;
  }

  async findDuplicates(manager: EntityManager, keys: DedupeKeys, excludeId?: string): Promise<DuplicateCandidate[]> {
    if (!keys.taxId && !keys.emails.length && !keys.phones.length && !keys.name) return [];
    const params: unknown[] = [keys.taxId ? [keys.taxId] : [], keys.emails, keys.phones, keys.name ? [keys.name] : []];
    const exclude = excludeId ? `AND id <> $${params.push(excludeId)}` : '';
    const ids: { id: string }[] = await manager.query(
      `SELECT id FROM accounts WHERE id IN (${duplicateCandidateIdsSql}) ${exclude} ORDER BY created_at LIMIT 10`,
      params,
    );
    if (!ids.length) return [];
    const rows = await manager.getRepository(AccountEntity).findBy({ id: In(ids.map((r) => r.id)) });
    return rows
      .map((row) => ({ account: row, matchedOn: matchedOn(keys, dedupeKeys(rowToFields(row))) }))
      .filter((c) => c.matchedOn.length > 0);
  }

  async create(
    input: Partial<AccountFields>,
    actor: Actor,
    policy: DuplicatePolicy = 'block',
    manager?: EntityManager,
  ): Promise<CreateAccountResult> {
    const run = async (tx: EntityManager): Promise<CreateAccountResult> => {
      if (!canCreateAccounts(actor)) throw new NotAllowedError('your roles do not allow creating accounts');
      const { definitions, archivedKeys } = await this.customFields.inForce('account', tx);
      const owned = defaultOwnership(actor, input);
      const refused = archivedFieldViolations(customFieldsOf(input), archivedKeys);
      if (refused.length) throw toInputError(refused, ['input', 'account']);
      const { value, violations } = validateAccountFields(owned, {
        mode: 'create',
        customFieldDefinitions: definitions,
        defaultPhoneCountry: this.defaultCountry,
      });
      if (violations.length) throw toInputError(violations, ['input', 'account']);
      const refusal = ownershipRefusal(actor, value);
      if (refusal) throw new NotAllowedError(refusal.message, { field: `input.account.${refusal.field}` });
      const duplicates = await this.findDuplicates(tx, dedupeKeys(value));
      if (duplicates.length && policy === 'block') return { account: null, duplicates };
      const now = new Date();
      const row = newAccountRow(actor, now);
      applyFields(row, value);
      row.ownerSince = value.ownerId ? now : null;
      await tx.getRepository(AccountEntity).save(row);
      await recordEvent(
        tx,
        'accountCreated',
        actor,
        { type: 'account', id: row.id, version: row.version },
        { account: accountToProto(row) },
      );
      await audit(
        tx,
        actor,
        'account.create',
        { type: 'account', id: row.id },
        changesOf(diffFields({}, rowToFields(row))),
        duplicates.length ? { overrodeDuplicates: duplicates.map((d) => d.account.id) } : {},
      );
      return { account: row, duplicates };
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /** Changes the fields given in `patch`; an unchanged patch writes nothing and publishes nothing. */
  async update(
    id: string,
    patch: Partial<AccountFields>,
    actor: Actor,
    expectedVersion?: number | null,
  ): Promise<AccountRow> {
    return this.dataSource.transaction(async (tx) => {
      const { row, audits } = await this.updateWithin(tx, id, patch, actor, expectedVersion);
      await appendAudit(tx, audits);
      return row;
    });
  }

  /**
   * update() inside the caller's transaction, for bulk writers (imports): returns the audit entries instead of
   * appending them, so that the caller appends them all last, after every row lock it takes (docs/architecture.md,
   * "Lock order").
   */
  async updateWithin(
    tx: EntityManager,
    id: string,
    patch: Partial<AccountFields>,
    actor: Actor,
    expectedVersion?: number | null,
  ): Promise<{ row: AccountRow; audits: AuditEntry[] }> {
    const repo = tx.getRepository(AccountEntity);
    const row = await this.lockForEdit(tx, id, actor);
    if (expectedVersion && expectedVersion !== row.version) {
      throw new ConflictError(
        `account ${id} was changed by someone else (version ${row.version}, you read ${expectedVersion})`,
        {
          currentVersion: row.version,
          expectedVersion,
        },
      );
    }
    const before = rowToFields(row);
    const { definitions, archivedKeys } = await this.customFields.inForce('account', tx);
    const refused = archivedFieldViolations(customFieldsOf(patch), archivedKeys);
    if (refused.length) throw toInputError(refused, ['input', 'account']);
    // Values of archived fields are carried over untouched: not validated, not dropped.
    const stored = splitArchivedValues(before.customFields, archivedKeys);
    const checked: Partial<AccountFields> = { ...patch };
    if (patch.customFields) checked.customFields = { ...stored.live, ...patch.customFields };
    const { value: normalized, violations } = validateAccountFields(checked, {
      mode: 'update',
      customFieldDefinitions: definitions,
      defaultPhoneCountry: this.defaultCountry,
    });
    if (violations.length) throw toInputError(violations, ['input', 'account']);
    const value: AccountFields = { ...before, ...normalized };
    if (normalized.customFields) value.customFields = { ...normalized.customFields, ...stored.archived };
    for (const field of ['ownerId', 'teamId'] as const) {
      if (value[field] !== before[field] && !canReassign(actor, before.teamId)) {
        throw new NotAllowedError(
          `only the team manager or crm-admin may change ${field}; reps move accounts through the pool`,
          {
            field: `input.account.${field}`,
          },
        );
      }
    }
    const changes = diffFields(before, value);
    if (!changes.length) return { row, audits: [] };
    applyFields(row, value);
    if (value.ownerId !== before.ownerId) row.ownerSince = value.ownerId ? new Date() : null;
    row.version += 1;
    row.updatedAt = new Date();
    row.updatedBy = actor.id;
    await repo.save(row);
    const aggregate = { type: 'account' as const, id: row.id, version: row.version };
    const audits: AuditEntry[] = [];
    await recordEvent(tx, 'accountUpdated', actor, aggregate, {
      account: accountToProto(row),
      changes: eventChanges(changes),
    });
    // A team move alone changes who manages (and sees) the account as much as a new owner does.
    if (before.ownerId !== value.ownerId || before.teamId !== value.teamId) {
      await recordEvent(tx, 'accountOwnerChanged', actor, aggregate, {
        accountId: row.id,
        previousOwnerId: before.ownerId ?? '',
        ownerId: value.ownerId ?? '',
        teamId: value.teamId ?? '',
      });
    }
    if (before.ownerId !== value.ownerId)
      audits.push(...(await revokeSharesOfPreviousOwner(tx, actor, row.id, before.ownerId, 'owner changed')));
    if (before.grade !== value.grade) {
      await recordEvent(tx, 'accountGraded', actor, aggregate, {
        accountId: row.id,
        previousGrade: protoEnums.gradeToProto(before.grade ?? null),
        grade: protoEnums.gradeToProto(value.grade),
      });
    }
    audits.push(auditEntry(actor, 'account.update', { type: 'account', id: row.id }, changesOf(changes)));
    return { row, audits };
  }

  /** Moves the account to the recycle bin; restore brings it back until it is purged. */
  async softDelete(id: string, actor: Actor): Promise<AccountRow> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(AccountEntity);
      const row = await this.lockForEdit(tx, id, actor);
      row.deletedAt = new Date();
      row.deletedBy = actor.id;
      row.version += 1;
      row.updatedAt = row.deletedAt;
      row.updatedBy = actor.id;
      await repo.save(row);
      await recordEvent(tx, 'accountDeleted', actor, { type: 'account', id, version: row.version }, { accountId: id });
      await audit(tx, actor, 'account.delete', { type: 'account', id }, [
        { field: 'deletedAt', before: null, after: row.deletedAt },
      ]);
      return row;
    });
  }

  async restore(id: string, actor: Actor): Promise<AccountRow> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(AccountEntity);
      const row = await this.lockForEdit(tx, id, actor, { allowDeleted: true });
      if (row.mergedIntoId)
        throw new PreconditionError(`account ${id} was merged into ${row.mergedIntoId} and cannot be restored`, {
          mergedIntoId: row.mergedIntoId,
        });
      if (!row.deletedAt) throw new PreconditionError(`account ${id} is not in the recycle bin`);
      const restoredFrom = row.deletedAt;
      row.deletedAt = null;
      row.deletedBy = null;
      row.version += 1;
      row.updatedAt = new Date();
      row.updatedBy = actor.id;
      await repo.save(row);
      await recordEvent(
        tx,
        'accountRestored',
        actor,
        { type: 'account', id, version: row.version },
        { account: accountToProto(row) },
      );
      await audit(tx, actor, 'account.restore', { type: 'account', id }, [
        { field: 'deletedAt', before: restoredFrom, after: null },
      ]);
      return row;
    });
  }

  /** Credit limit, payment terms, bank and tax data: finance and crm-admin write them; events carry only field names. */
  async updateTerms(id: string, patch: Partial<SensitiveTerms>, actor: Actor): Promise<AccountRow> {
    if (!canWriteSensitive(actor))
      throw new NotAllowedError('only finance and crm-admin may change credit and bank terms');
    const { value, violations } = validateSensitiveTerms(patch);
    if (violations.length) throw toInputError(violations, ['input', 'terms']);
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(AccountEntity);
      const row = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row || row.deletedAt) throw new NotFoundError('account', id);
      const before = termsOf(row);
      const after: SensitiveTerms = { ...before, ...value };
      const changes = diffFields(before, after);
      if (!changes.length) return row;
      row.creditLimit = after.creditLimit?.amount ?? null;
      row.creditCurrency = after.creditLimit?.currencyCode ?? null;
      row.paymentTerms = after.paymentTerms;
      row.bankName = after.bankName;
      row.bankAccount = after.bankAccount;
      row.taxRegistration = after.taxRegistration;
      row.version += 1;
      row.updatedAt = new Date();
      row.updatedBy = actor.id;
      await repo.save(row);
      await recordEvent(
        tx,
        'accountUpdated',
        actor,
        { type: 'account', id, version: row.version },
        {
          account: accountToProto(row),
          changes: changes.map((c) => ({ field: c.field, beforeJson: '"[sensitive]"', afterJson: '"[sensitive]"' })),
        },
      );
      await audit(tx, actor, 'account.update_terms', { type: 'account', id }, changesOf(changes));
      return row;
    });
  }

  /** Accounts in the recycle bin (not merged-away tombstones), most recently deleted first. */
  async recycleBin(actor: Actor, first?: number | null, after?: string | null): Promise<CountablePage<AccountRow>> {
    const limit = pageSize(first);
    const params: unknown[] = [];
    const p = (value: unknown) => `$${params.push(value)}`;
    const binned = `SELECT a.id FROM accounts a
      WHERE a.deleted_at IS NOT NULL AND a.merged_into_id IS NULL AND ${accountVisibilitySql(actor, p)}`;
    const countParams = [...params];
    let keyset = '';
    if (after) {
      const [deletedAt, id] = decodeCursor(after, 2);
      keyset = `AND (a.deleted_at, a.id) < (${p(deletedAt)}::timestamptz, ${p(id)}::uuid)`;
    }
    const ids: { id: string }[] = await this.dataSource.query(
      `${binned} ${keyset} ORDER BY a.deleted_at DESC, a.id DESC LIMIT ${limit + 1}`,
      params,
    );
    const ordered = await rowsInOrder(
      this.dataSource.manager,
      AccountEntity,
      ids.map((r) => r.id),
    );
    return {
      ...toPage(ordered, limit, (r) => [r.deletedAt?.toISOString() ?? null, r.id]),
      count: (bound) => boundedCount(this.dataSource, binned, countParams, bound),
    };
  }

  /** Hard-deletes accounts that sat in the recycle bin longer than the retention (see recycle-bin-purge.ts). */
  async purgeRecycleBin(now: Date, retentionDays: number, batchSize?: number): Promise<PurgeResult> {
    return purgeRecycleBin(this.dataSource, now, retentionDays, batchSize);
  }

  /** Merges `loserId` into `winnerId`: contacts and activities move, the loser stays as a tombstone. */
  async merge(winnerId: string, loserId: string, actor: Actor): Promise<AccountRow> {
    if (winnerId === loserId) throw InputError.single(['input', 'loserId'], 'distinct', 'must differ from winnerId');
    if (!canMerge(actor)) throw new NotAllowedError('merging accounts is for managers and crm-admin');
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(AccountEntity);
      // Lock in id order so two merges of the same pair cannot deadlock.
      const locked = await repo
        .createQueryBuilder('a')
        .where('a.id IN (:...ids)', { ids: [winnerId, loserId] })
        .orderBy('a.id')
        .setLock('pessimistic_write')
        .getMany();
      const winner = locked.find((r) => r.id === winnerId);
      const loser = locked.find((r) => r.id === loserId);
      if (!winner || winner.deletedAt) throw new NotFoundError('account', winnerId);
      if (!loser || loser.deletedAt) throw new NotFoundError('account', loserId);
      for (const row of [winner, loser]) {
        if ((await accessLevel(tx, actor, row)) !== 'edit')
          throw new NotAllowedError(`you may not change account ${row.id}`, { accountId: row.id });
      }
      const winnerBefore = rowToFields(winner);
      const { merged } = planMerge(winnerBefore, rowToFields(loser));
      const changes = diffFields(winnerBefore, merged);
      const now = new Date();
      const movedContacts = await tx.query(
        `UPDATE contacts SET account_id = $1, updated_at = $3, updated_by = $4, version = version + 1 WHERE account_id = $2`,
        [winnerId, loserId, now, actor.id],
      );
      const movedActivities = await tx.query(`UPDATE activities SET account_id = $1 WHERE account_id = $2`, [
        winnerId,
        loserId,
      ]);
      await tx.query(`UPDATE import_fingerprints SET record_id = $1 WHERE record_id = $2`, [winnerId, loserId]);
      applyFields(winner, merged);
      // The explicit next follow-up belongs to whichever account had the latest activity.
      if (loser.lastActivityAt && (!winner.lastActivityAt || loser.lastActivityAt > winner.lastActivityAt)) {
        winner.nextFollowUpAt = loser.nextFollowUpAt;
      }
      winner.lastActivityAt = maxDate(winner.lastActivityAt, loser.lastActivityAt);
      winner.version += 1;
      winner.updatedAt = now;
      winner.updatedBy = actor.id;
      await repo.save(winner);
      const loserSnapshot = { ...loser };
      loser.mergedIntoId = winnerId;
      loser.deletedAt = now;
      loser.deletedBy = actor.id;
      loser.version += 1;
      loser.updatedAt = now;
      loser.updatedBy = actor.id;
      await repo.save(loser);
      await tx.query(
        `INSERT INTO account_merges (id, winner_id, loser_id, loser_snapshot, winner_before, moved_contacts, moved_activities, merged_by, merged_at, request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          randomUUID(),
          winnerId,
          loserId,
          JSON.stringify(loserSnapshot),
          JSON.stringify(winnerBefore),
          affected(movedContacts),
          affected(movedActivities),
          actor.id,
          now,
          actor.requestId,
        ],
      );
      await recordEvent(
        tx,
        'accountMerged',
        actor,
        { type: 'account', id: winnerId, version: winner.version },
        { winnerId, loserId },
      );
      // A pooled winner takes the loser's owner and team (planMerge fills blanks): announced like any owner change.
      if (winnerBefore.ownerId !== merged.ownerId || winnerBefore.teamId !== merged.teamId) {
        await recordEvent(
          tx,
          'accountOwnerChanged',
          actor,
          { type: 'account', id: winnerId, version: winner.version },
          {
            accountId: winnerId,
            previousOwnerId: winnerBefore.ownerId ?? '',
            ownerId: merged.ownerId ?? '',
            teamId: merged.teamId ?? '',
          },
        );
      }
      if (changes.length) {
        await recordEvent(
          tx,
          'accountUpdated',
          actor,
          { type: 'account', id: winnerId, version: winner.version },
          {
            account: accountToProto(winner),
            changes: eventChanges(changes),
          },
        );
      }
      await audit(tx, actor, 'account.merge', { type: 'account', id: winnerId }, changesOf(changes), {
        loserId,
        movedContacts: affected(movedContacts),
        movedActivities: affected(movedActivities),
      });
      return winner;
    });
  }
}

function affected(result: unknown): number {
  // TypeORM returns [rows, affectedCount] for UPDATE on postgres.
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}

function maxDate(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

export function termsOf(row: AccountRow): SensitiveTerms {
  return {
    creditLimit:
      row.creditLimit !== null && row.creditCurrency
        ? { amount: normalizeAmount(row.creditLimit), currencyCode: row.creditCurrency }
        : null,
    paymentTerms: row.paymentTerms,
    bankName: row.bankName,
    bankAccount: row.bankAccount,
    taxRegistration: row.taxRegistration,
  };
}

/** numeric(18,2) comes back as '500000.00'; keep two decimals so equal amounts compare equal. */
function normalizeAmount(amount: string): string {
  const [whole, fraction = ''] = amount.split('.');
  return `${whole}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

export function newAccountRow(actor: Actor, now: Date): AccountRow {
  return {
    id: randomUUID(),
    createdBy: actor.id,
    createdAt: now,
    updatedBy: actor.id,
    updatedAt: now,
    lastActivityAt: null,
    nextFollowUpAt: null,
    deletedAt: null,
    deletedBy: null,
    mergedIntoId: null,
    version: 1,
    creditLimit: null,
    creditCurrency: null,
    paymentTerms: null,
    bankName: null,
    bankAccount: null,
    taxRegistration: null,
    ownerSince: null,
    poolWarnedAt: null,
  } as AccountRow;
}
