import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { ConflictError, InputError, NotFoundError } from '@crm/platform/errors';
import type { Page, TotalCount } from '@crm/platform/pagination';
import type { ContactFields, ContactInput, PreferredChannel } from '../domain/contact';
import { validateContactFields } from '../domain/contact-rules';
import { diffFields } from '../domain/field-diff';
import { normalizeEmail } from '../domain/email-address';
import { phoneKey } from '../domain/phone-number';
import { ContactEntity, type ContactRow } from '../db/contact.entity';
import { recordEvent, eventChanges } from '../events/customer-events';
import { readableChildren, requireAccountAccess } from '../policy/require-account-access';
import { isUuid } from '../domain/uuid';
import { contactToProto } from '../mapping/account-mapping';
import { defaultPhoneCountry } from '../domain/phone-number';
import type { Actor } from '@crm/platform/auth';
import { audit, changesOf } from '@crm/platform/audit';
import type { CustomFieldService } from './custom-fields';
import { countsPerAccount, pagesPerAccount, type AccountChildPages } from '../db/account-child-pages';

export function contactRowToFields(row: ContactRow): ContactFields {
  return {
    accountId: row.accountId,
    name: row.name,
    title: row.title,
    role: row.role,
    phones: row.phones,
    emails: row.emails,
    birthday: row.birthday,
    preferredChannel: row.preferredChannel as PreferredChannel | null,
    consentEmail: row.consentEmail,
    consentSms: row.consentSms,
    consentWechat: row.consentWechat,
    ownerId: row.ownerId,
    description: row.description,
  };
}

/** Writes the fields and their search/dedupe keys (phone_keys, email_keys) onto a row. */
export function applyContactFields(row: ContactRow, fields: ContactFields): void {
  Object.assign(row, fields, {
    phoneKeys: fields.phones.map((p) => phoneKey(p) ?? p),
    emailKeys: fields.emails.map((e) => normalizeEmail(e) ?? e.toLowerCase()),
  });
}

/** Account.contacts: by name, then id (index contacts_list_by_account_idx). */
const CONTACT_PAGES: AccountChildPages<ContactRow> = {
  entity: ContactEntity,
  table: 'contacts c',
  where: 'c.deleted_at IS NULL',
  sort: [
    { sql: 'lower(c.name)', cast: 'text' },
    { sql: 'c.id', cast: 'uuid' },
  ],
  descending: false,
  cursorOf: (r) => [r.name.toLowerCase(), r.id],
};

/** Contacts: people at an account. */
export class ContactService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customFields: CustomFieldService,
    /** Country of phone numbers typed without '+'. */
    private readonly defaultCountry: string = defaultPhoneCountry,
  ) {}

  async get(id: string, actor: Actor): Promise<ContactRow> {
    const row = await this.dataSource.getRepository(ContactEntity).findOne({ where: { id } });
    if (!row || row.deletedAt) throw new NotFoundError('contact', id);
    await requireAccountAccess(this.dataSource.manager, actor, row.accountId, 'read', ['id']);
    return row;
  }

  /** The live contacts among `ids` whose account the actor may read, in the order asked; the others are left out. */
  async batchGet(ids: readonly string[], actor: Actor): Promise<ContactRow[]> {
    const valid = [...new Set(ids)].filter(isUuid);
    if (!valid.length) return [];
    const rows = (await this.dataSource.getRepository(ContactEntity).findBy({ id: In(valid) })).filter(
      (r) => !r.deletedAt,
    );
    return readableChildren(this.dataSource.manager, actor, rows, ids);
  }

  /** A page of contacts (by name) for each account, in one query: Account.contacts on a list of accounts. */
  async pagesByAccount(
    accountIds: readonly string[],
    first?: number | null,
    after?: string | null,
  ): Promise<Map<string, Page<ContactRow>>> {
    return pagesPerAccount(this.dataSource.manager, CONTACT_PAGES, accountIds, first, after);
  }

  /** How many live contacts each account has (exact up to `bound`, then estimated), in one statement: the pages' totals. */
  async countsByAccount(accountIds: readonly string[], bound: number): Promise<Map<string, TotalCount>> {
    return countsPerAccount(this.dataSource.manager, CONTACT_PAGES, accountIds, bound);
  }

  /** The contact's account must exist and be editable by the actor. */
  private async requireLiveAccount(
    tx: EntityManager,
    accountId: string,
    path: (string | number)[],
    actor: Actor,
  ): Promise<void> {
    await requireAccountAccess(tx, actor, accountId, 'edit', path);
  }

  async create(input: ContactInput, actor: Actor, manager?: EntityManager): Promise<ContactRow> {
    const run = async (tx: EntityManager) => {
      const { value, violations } = validateContactFields(input, {
        mode: 'create',
        today: new Date().toISOString().slice(0, 10),
        defaultPhoneCountry: this.defaultCountry,
      });
      if (violations.length) throw new InputError(violations.map((v) => ({ ...v, path: ['input', ...v.path] })));
      await this.requireLiveAccount(tx, value.accountId, ['input', 'accountId'], actor);
      const now = new Date();
      const row = newContactRow(value, actor, now);
      await tx.getRepository(ContactEntity).insert(row);
      await recordEvent(
        tx,
        'contactCreated',
        actor,
        { type: 'contact', id: row.id, version: 1 },
        { contact: contactToProto(row) },
      );
      await audit(
        tx,
        actor,
        'contact.create',
        { type: 'contact', id: row.id },
        changesOf(diffFields({}, contactRowToFields(row))),
      );
      return row;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async update(id: string, patch: ContactInput, actor: Actor, expectedVersion?: number | null): Promise<ContactRow> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(ContactEntity);
      const row = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row || row.deletedAt) throw new NotFoundError('contact', id);
      await requireAccountAccess(tx, actor, row.accountId, 'edit', ['input', 'id']);
      if (expectedVersion && expectedVersion !== row.version) {
        throw new ConflictError(`contact ${id} was changed by someone else`, {
          currentVersion: row.version,
          expectedVersion,
        });
      }
      const before = contactRowToFields(row);
      const { value: normalized, violations } = validateContactFields(patch, {
        mode: 'update',
        today: new Date().toISOString().slice(0, 10),
        defaultPhoneCountry: this.defaultCountry,
      });
      if (violations.length)
        throw new InputError(violations.map((v) => ({ ...v, path: ['input', 'contact', ...v.path] })));
      const value: ContactFields = { ...before, ...normalized };
      if (value.accountId !== before.accountId)
        await this.requireLiveAccount(tx, value.accountId, ['input', 'contact', 'accountId'], actor);
      const changes = diffFields(before, value);
      if (!changes.length) return row;
      applyContactFields(row, value);
      row.version += 1;
      row.updatedAt = new Date();
      row.updatedBy = actor.id;
      await repo.save(row);
      await recordEvent(
        tx,
        'contactUpdated',
        actor,
        { type: 'contact', id, version: row.version },
        {
          contact: contactToProto(row),
          changes: eventChanges(changes),
        },
      );
      await audit(tx, actor, 'contact.update', { type: 'contact', id }, changesOf(changes));
      return row;
    });
  }

  async softDelete(id: string, actor: Actor): Promise<ContactRow> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(ContactEntity);
      const row = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row || row.deletedAt) throw new NotFoundError('contact', id);
      await requireAccountAccess(tx, actor, row.accountId, 'edit', ['id']);
      row.deletedAt = new Date();
      row.version += 1;
      row.updatedAt = row.deletedAt;
      row.updatedBy = actor.id;
      await repo.save(row);
      await recordEvent(
        tx,
        'contactDeleted',
        actor,
        { type: 'contact', id, version: row.version },
        { contactId: id, accountId: row.accountId },
      );
      await audit(tx, actor, 'contact.delete', { type: 'contact', id }, [
        { field: 'deletedAt', before: null, after: row.deletedAt },
      ]);
      return row;
    });
  }
}

/** A new contact row at version 1, created and last changed by the actor now. */
export function newContactRow(fields: ContactFields, actor: Actor, now: Date): ContactRow {
  const contact = {
    id: randomUUID(),
    createdBy: actor.id,
    createdAt: now,
    updatedBy: actor.id,
    updatedAt: now,
    deletedAt: null,
    version: 1,
  } as ContactRow;
  applyContactFields(contact, fields);
  return contact;
}
