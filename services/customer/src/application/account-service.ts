import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, pageSize, toPage, type Page } from '@crm/platform/pagination';
import { ConflictError, InputError, NotFoundError, PreconditionError, type FieldViolation } from '@crm/platform/errors';
import type { AccountFields } from '../domain/account';
import { validateAccountFields } from '../domain/account-rules';
import { dedupeKeys, matchedOn, type DedupeKeys, type DuplicateMatch } from '../domain/dedupe-keys';
import { diffFields } from '../domain/field-diff';
import { planMerge } from '../domain/merge-plan';
import { purgeCutoff } from '../domain/recycle-bin';
import { AccountEntity, type AccountRow } from '../db/account.entity';
import { recordEvent } from '../events/customer-events';
import { accountToProto, protoEnums, rowToFields } from '../mapping/account-mapping';
import type { Actor } from './actor';
import type { CustomFieldService } from './custom-fields';

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
  });
}

/** Accounts: the rules of src/domain applied in transactions that also write the events to the outbox. */
export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customFields: CustomFieldService,
  ) {}

  async get(id: string, options: { includeDeleted?: boolean } = {}): Promise<AccountRow> {
    const row = await this.dataSource.getRepository(AccountEntity).findOne({ where: { id } });
    if (!row || (!options.includeDeleted && row.deletedAt)) throw new NotFoundError('account', id);
    return row;
  }

  /** Rows in the order of `ids`; missing or deleted ones are left out. */
  async batchGet(ids: readonly string[]): Promise<AccountRow[]> {
    const valid = [...new Set(ids)].filter(isUuid);
    if (!valid.length) return [];
    const rows = await this.dataSource.getRepository(AccountEntity).findBy({ id: In(valid) });
    const byId = new Map(rows.filter((r) => !r.deletedAt).map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is AccountRow => !!r);
  }

  async findDuplicates(manager: EntityManager, keys: DedupeKeys, excludeId?: string): Promise<DuplicateCandidate[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (keys.taxId) conditions.push(`tax_id_key = $${params.push(keys.taxId)}`);
    if (keys.emails.length) conditions.push(`email_keys && $${params.push(keys.emails)}::text[]`);
    if (keys.phones.length) conditions.push(`phone_keys && $${params.push(keys.phones)}::text[]`);
    if (keys.name) conditions.push(`name_key = $${params.push(keys.name)}`);
    if (!conditions.length) return [];
    const exclude = excludeId ? `AND id <> $${params.push(excludeId)}` : '';
    const ids: { id: string }[] = await manager.query(
      `SELECT id FROM accounts WHERE deleted_at IS NULL AND (${conditions.join(' OR ')}) ${exclude} ORDER BY created_at LIMIT 10`,
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
      const definitions = await this.customFields.definitions('account', tx);
      const { value, violations } = validateAccountFields(input, {
        mode: 'create',
        customFieldDefinitions: definitions,
      });
      if (violations.length) throw toInputError(violations, ['input', 'account']);
      const duplicates = await this.findDuplicates(tx, dedupeKeys(value));
      if (duplicates.length && policy === 'block') return { account: null, duplicates };
      const now = new Date();
      const row = {
        id: randomUUID(),
        createdBy: actor.id,
        createdAt: now,
        updatedBy: actor.id,
        updatedAt: now,
        lastActivityAt: null,
        deletedAt: null,
        deletedBy: null,
        mergedIntoId: null,
        version: 1,
      } as AccountRow;
      applyFields(row, value);
      await tx.getRepository(AccountEntity).save(row);
      await recordEvent(
        tx,
        'accountCreated',
        actor,
        { type: 'account', id: row.id, version: row.version },
        { account: accountToProto(row) },
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
    manager?: EntityManager,
  ): Promise<AccountRow> {
    const run = async (tx: EntityManager): Promise<AccountRow> => {
      const repo = tx.getRepository(AccountEntity);
      const row = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row || row.deletedAt) throw new NotFoundError('account', id);
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
      const definitions = await this.customFields.definitions('account', tx);
      const checked: Partial<AccountFields> = { ...patch };
      if (patch.customFields) checked.customFields = { ...before.customFields, ...patch.customFields };
      const { value: normalized, violations } = validateAccountFields(checked, {
        mode: 'update',
        customFieldDefinitions: definitions,
      });
      if (violations.length) throw toInputError(violations, ['input', 'account']);
      const value: AccountFields = { ...before, ...normalized };
      const changes = diffFields(before, value);
      if (!changes.length) return row;
      applyFields(row, value);
      row.version += 1;
      row.updatedAt = new Date();
      row.updatedBy = actor.id;
      await repo.save(row);
      const aggregate = { type: 'account' as const, id: row.id, version: row.version };
      await recordEvent(tx, 'accountUpdated', actor, aggregate, {
        account: accountToProto(row),
        changes: changes.map((c) => ({
          field: c.field,
          beforeJson: JSON.stringify(c.before ?? null),
          afterJson: JSON.stringify(c.after ?? null),
        })),
      });
      if (before.ownerId !== value.ownerId) {
        await recordEvent(tx, 'accountOwnerChanged', actor, aggregate, {
          accountId: row.id,
          previousOwnerId: before.ownerId ?? '',
          ownerId: value.ownerId ?? '',
          teamId: value.teamId ?? '',
        });
      }
      if (before.grade !== value.grade) {
        await recordEvent(tx, 'accountGraded', actor, aggregate, {
          accountId: row.id,
          previousGrade: protoEnums.gradeToProto(before.grade ?? null),
          grade: protoEnums.gradeToProto(value.grade),
        });
      }
      return row;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /** Moves the account to the recycle bin; restore brings it back until it is purged. */
  async softDelete(id: string, actor: Actor): Promise<AccountRow> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(AccountEntity);
      const row = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row || row.deletedAt) throw new NotFoundError('account', id);
      row.deletedAt = new Date();
      row.deletedBy = actor.id;
      row.version += 1;
      row.updatedAt = row.deletedAt;
      row.updatedBy = actor.id;
      await repo.save(row);
      await recordEvent(tx, 'accountDeleted', actor, { type: 'account', id, version: row.version }, { accountId: id });
      return row;
    });
  }

  async restore(id: string, actor: Actor): Promise<AccountRow> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(AccountEntity);
      const row = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundError('account', id);
      if (row.mergedIntoId)
        throw new PreconditionError(`account ${id} was merged into ${row.mergedIntoId} and cannot be restored`, {
          mergedIntoId: row.mergedIntoId,
        });
      if (!row.deletedAt) throw new PreconditionError(`account ${id} is not in the recycle bin`);
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
      return row;
    });
  }

  /** Accounts in the recycle bin (not merged-away tombstones), most recently deleted first. */
  async recycleBin(first?: number | null, after?: string | null): Promise<Page<AccountRow>> {
    const limit = pageSize(first);
    const params: unknown[] = [];
    let keyset = '';
    if (after) {
      const [deletedAt, id] = decodeCursor(after, 2);
      params.push(deletedAt, id);
      keyset = 'AND (deleted_at, id) < ($1::timestamptz, $2::uuid)';
    }
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM accounts WHERE deleted_at IS NOT NULL AND merged_into_id IS NULL ${keyset} ORDER BY deleted_at DESC, id DESC LIMIT ${limit + 1}`,
      params,
    );
    const rows = ids.length
      ? await this.dataSource.getRepository(AccountEntity).findBy({ id: In(ids.map((r) => r.id)) })
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ordered = ids.map((r) => byId.get(r.id)).filter((r): r is AccountRow => !!r);
    return toPage(ordered, limit, (r) => [r.deletedAt?.toISOString() ?? null, r.id]);
  }

  /** Hard-deletes accounts that sat in the recycle bin longer than the retention; returns how many. */
  async purgeRecycleBin(now: Date, retentionDays: number): Promise<number> {
    const cutoff = purgeCutoff(now, retentionDays);
    return this.dataSource.transaction(async (tx) => {
      const rows: { id: string }[] = await tx.query(
        `SELECT id FROM accounts WHERE deleted_at < $1 AND merged_into_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM accounts t WHERE t.merged_into_id = accounts.id)
         ORDER BY deleted_at LIMIT 1000 FOR UPDATE SKIP LOCKED`,
        [cutoff],
      );
      if (!rows.length) return 0;
      const ids = rows.map((r) => r.id);
      await tx.query(`DELETE FROM activities WHERE account_id = ANY($1::uuid[])`, [ids]);
      await tx.query(`DELETE FROM contacts WHERE account_id = ANY($1::uuid[])`, [ids]);
      await tx.query(`DELETE FROM import_fingerprints WHERE record_id = ANY($1::uuid[])`, [ids]);
      await tx.query(`DELETE FROM accounts WHERE id = ANY($1::uuid[])`, [ids]);
      return ids.length;
    });
  }

  /** Merges `loserId` into `winnerId`: contacts and activities move, the loser stays as a tombstone. */
  async merge(winnerId: string, loserId: string, actor: Actor): Promise<AccountRow> {
    if (winnerId === loserId) throw InputError.single(['input', 'loserId'], 'distinct', 'must differ from winnerId');
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
      if (changes.length) {
        await recordEvent(
          tx,
          'accountUpdated',
          actor,
          { type: 'account', id: winnerId, version: winner.version },
          {
            account: accountToProto(winner),
            changes: changes.map((c) => ({
              field: c.field,
              beforeJson: JSON.stringify(c.before ?? null),
              afterJson: JSON.stringify(c.after ?? null),
            })),
          },
        );
      }
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
