import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { Roles, type Actor } from '@crm/platform/auth';
import { audit } from '@crm/platform/audit';
import { InputError, NotAllowedError, NotFoundError } from '@crm/platform/errors';
import {
  DEFAULT_EXACT_COUNT_BOUND,
  ascendingListPage,
  SqlParameters,
  type CountablePage,
} from '@crm/platform/pagination';
import type { AccountFilter, AccountSortField } from './account-search';

/** A user may keep this many views (shared ones of everyone add up, so the list is paged). */
export const MAX_VIEWS_PER_USER = 50;
const MAX_NAME_LENGTH = 100;
const MAX_SEARCH_LENGTH = 200;

export interface SavedAccountView {
  id: string;
  ownerId: string;
  name: string;
  search: string | null;
  filter: AccountFilter;
  sort: { field: AccountSortField; descending: boolean } | null;
  shared: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface SaveAccountViewInput {
  /** Absent: a new view; given: the caller's view to replace. */
  id?: string | null;
  name: string;
  search?: string | null;
  filter?: AccountFilter | null;
  sort?: { field: AccountSortField; descending: boolean } | null;
  shared?: boolean | null;
}

interface ViewRow {
  /** lower(name): the list's sort key, read back from PostgreSQL so the cursor matches its lower(). */
  name_key?: string;
  id: string;
  owner_id: string;
  name: string;
  search: string | null;
  filter: AccountFilter;
  sort: SavedAccountView['sort'];
  shared: boolean;
  created_at: Date;
  updated_at: Date;
}

const toView = (r: ViewRow): SavedAccountView => ({
  id: r.id,
  ownerId: r.owner_id,
  name: r.name,
  search: r.search,
  filter: r.filter,
  sort: r.sort,
  shared: r.shared,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Saved views of the accounts list: the owner edits them; crm-admin may also delete shared ones. Audited. */
export class SavedAccountViews {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of the caller's own views and those shared to everyone, by name (case-insensitive), then id. */
  async list(actor: Actor, first?: number | null, after?: string | null): Promise<CountablePage<SavedAccountView>> {
    const params = new SqlParameters();
    const page = await ascendingListPage<ViewRow>(this.dataSource, {
      select: `SELECT v.*, lower(v.name) AS name_key FROM saved_account_views v`,
      from: `FROM saved_account_views v`,
      conditions: [`(v.owner_id = ${params.add(actor.id)} OR v.shared)`],
      params,
      order: [
        { column: 'lower(v.name)', type: 'text' },
        { column: 'v.id', type: 'uuid' },
      ],
      first,
      after,
      cursorOf: (row) => [row.name_key ?? row.name.toLowerCase(), row.id],
      exactCountUpTo: DEFAULT_EXACT_COUNT_BOUND,
    });
    return { ...page, items: page.items.map(toView) };
  }

  async save(input: SaveAccountViewInput, actor: Actor): Promise<SavedAccountView> {
    const name = input.name.trim();
    if (!name || name.length > MAX_NAME_LENGTH) {
      throw InputError.single(['input', 'name'], 'length', `must be 1 to ${MAX_NAME_LENGTH} characters`);
    }
    const search = input.search?.trim() || null;
    if (search && search.length > MAX_SEARCH_LENGTH) {
      throw InputError.single(['input', 'search'], 'max_length', `must be at most ${MAX_SEARCH_LENGTH} characters`);
    }
    return this.dataSource.transaction(async (tx) => {
      // One owner's saves in turn, so the count and the name check hold when two tabs save at once.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('saved_account_views:' || $1))`, [actor.id]);
      const now = new Date();
      const existing = input.id ? await this.owned(tx, input.id, actor) : null;
      const clash: { id: string }[] = await tx.query(
        `SELECT id FROM saved_account_views WHERE owner_id = $1 AND lower(name) = lower($2) AND id <> $3`,
        [actor.id, name, existing?.id ?? '00000000-0000-0000-0000-000000000000'],
      );
      if (clash.length) throw InputError.single(['input', 'name'], 'unique', 'you already have a view with this name');
      if (!existing) {
        const [{ count }]: { count: number }[] = await tx.query(
          `SELECT count(*)::int AS count FROM saved_account_views WHERE owner_id = $1`,
          [actor.id],
        );
        if (count >= MAX_VIEWS_PER_USER) {
          throw InputError.single(['input'], 'max_views', `at most ${MAX_VIEWS_PER_USER} saved views per user`);
        }
      }
      const view: SavedAccountView = {
        id: existing?.id ?? randomUUID(),
        ownerId: actor.id,
        name,
        search,
        filter: input.filter ?? {},
        sort: input.sort ?? null,
        shared: input.shared ?? false,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      await tx.query(
        `INSERT INTO saved_account_views (id, owner_id, name, search, filter, sort, shared, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO UPDATE SET name = $3, search = $4, filter = $5, sort = $6, shared = $7, updated_at = $9`,
        [
          view.id,
          view.ownerId,
          view.name,
          view.search,
          JSON.stringify(view.filter),
          view.sort ? JSON.stringify(view.sort) : null,
          view.shared,
          view.createdAt,
          view.updatedAt,
        ],
      );
      await audit(
        tx,
        actor,
        existing ? 'account_view.update' : 'account_view.create',
        {
          type: 'account_view',
          id: view.id,
        },
        [],
        { name: view.name, shared: view.shared },
      );
      return view;
    });
  }

  async delete(id: string, actor: Actor): Promise<SavedAccountView> {
    return this.dataSource.transaction(async (tx) => {
      const view = await this.find(tx, id, actor);
      const adminOnShared = view.shared && actor.roles.includes(Roles.admin);
      if (view.ownerId !== actor.id && !adminOnShared) throw notYours();
      await tx.query(`DELETE FROM saved_account_views WHERE id = $1`, [id]);
      await audit(tx, actor, 'account_view.delete', { type: 'account_view', id }, [], {
        name: view.name,
        ownerId: view.ownerId,
      });
      return view;
    });
  }

  private async owned(tx: EntityManager, id: string, actor: Actor): Promise<SavedAccountView> {
    const view = await this.find(tx, id, actor);
    if (view.ownerId !== actor.id) throw notYours();
    return view;
  }

  private async find(tx: EntityManager, id: string, actor: Actor): Promise<SavedAccountView> {
    const rows: ViewRow[] = await tx.query(`SELECT * FROM saved_account_views WHERE id = $1 FOR UPDATE`, [id]);
    const view = rows[0] ? toView(rows[0]) : null;
    // Another user's private view does not exist for the caller.
    if (!view || (!view.shared && view.ownerId !== actor.id)) throw new NotFoundError('SavedAccountView', id);
    return view;
  }
}

function notYours(): NotAllowedError {
  return new NotAllowedError('only the owner of a saved view may change it', { rule: 'saved-view.owner' });
}
