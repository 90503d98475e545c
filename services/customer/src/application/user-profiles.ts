import type { DirectoryTeam, DirectoryUser, UserProfileDirectory } from '@crm/platform/auth';
import { InputError } from '@crm/platform/errors';
import {
  cachedListPage,
  decodeCursor,
  encodeCursor,
  pageSize,
  type CountablePage,
  type Page,
} from '@crm/platform/pagination';

/**
 * The `User` entity of the customer subgraph (SDL in graphql/users.graphql, resolvers in graphql/user-resolvers.ts):
 * Keycloak users as the portal shows them, read through the directory with a bounded TTL cache.
 */
export interface UserProfile {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: string[];
  teamIds: string[];
  active: boolean;
}

export interface UserProfileSettings {
  /** How long a looked-up user (or an unknown id) is reused; default 60 s. */
  ttlMs?: number;
  /** At most this many users are cached; the oldest go first; default 5,000. */
  maxEntries?: number;
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
}

/** What a list query filters on (all optional). */
export interface UserSearch {
  search?: string | null;
  role?: string | null;
  teamId?: string | null;
  first?: number | null;
  after?: string | null;
}

/** Keycloak users are read this many at a time while a filtered list fills a page. */
const SCAN_BATCH = 100;
/** A filtered list stops scanning after this many users per page request, and says there is more. */
const MAX_SCANNED_PER_PAGE = 2_000;

function profileOf(user: DirectoryUser): UserProfile {
  const fullName = [user.firstName, user.lastName].filter(Boolean).join(' ');
  return {
    id: user.id,
    username: user.username,
    displayName: fullName || user.username,
    email: user.email,
    roles: user.roles,
    teamIds: user.teams,
    active: user.enabled,
  };
}

/** An id the directory does not know (deleted user, 'system'): shown by its id, never an error. */
export function unknownUser(id: string): UserProfile {
  return { id, username: id, displayName: id, email: null, roles: [], teamIds: [], active: false };
}

/** Entries expire after a TTL; the map keeps insertion order, so the first key is the oldest one to evict. */
class BoundedTtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: now + this.ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}

export class UserProfiles {
  private readonly cache: BoundedTtlCache<UserProfile>;
  private teamsCache: { value: Promise<DirectoryTeam[]>; expiresAt: number } | null = null;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly directory: UserProfileDirectory | null,
    settings: UserProfileSettings = {},
  ) {
    this.ttlMs = settings.ttlMs ?? 60_000;
    this.now = settings.now ?? Date.now;
    this.cache = new BoundedTtlCache(this.ttlMs, settings.maxEntries ?? 5_000);
  }

  /** Profiles of these ids, in order: cached ones reused, the rest fetched in one directory call. */
  async byIds(ids: readonly string[]): Promise<UserProfile[]> {
    const now = this.now();
    const missing = [...new Set(ids.filter((id) => this.cache.get(id, now) === undefined))];
    if (missing.length && this.directory) {
      const found = new Map((await this.directory.usersByIds(missing)).map((u) => [u.id, profileOf(u)]));
      // Unknown ids are cached too, so a deleted owner costs one lookup per TTL, not one per page.
      for (const id of missing) this.cache.set(id, found.get(id) ?? unknownUser(id), now);
    }
    return ids.map((id) => this.cache.get(id, now) ?? unknownUser(id));
  }

  /** A page of users matching the text, then the role and team; the cursor is the directory offset to resume at. */
  async search(query: UserSearch): Promise<Page<UserProfile>> {
    const limit = pageSize(query.first);
    let offset = query.after ? Number(decodeCursor(query.after, 1)[0]) : 0;
    if (!Number.isInteger(offset) || offset < 0) {
      throw InputError.single(['after'], 'cursor', 'is not a cursor returned by this list');
    }
    if (!this.directory) return { items: [], cursors: [], endCursor: null, hasNextPage: false };
    const items: UserProfile[] = [];
    const cursors: string[] = [];
    let scanned = 0;
    let exhausted = false;
    while (items.length < limit && !exhausted && scanned < MAX_SCANNED_PER_PAGE) {
      const ids = await this.directory.searchUserIds(query.search?.trim() || null, offset, SCAN_BATCH);
      exhausted = ids.length < SCAN_BATCH;
      scanned += ids.length;
      const profiles = await this.byIds(ids);
      for (const profile of profiles) {
        if (items.length === limit) {
          exhausted = false;
          break;
        }
        offset += 1;
        if (query.role && !profile.roles.includes(query.role)) continue;
        if (query.teamId && !profile.teamIds.includes(query.teamId)) continue;
        items.push(profile);
        cursors.push(encodeCursor([offset]));
      }
    }
    const endCursor = items.length ? cursors[cursors.length - 1]! : null;
    // A scan cut short still resumes after the last user read, so the next page continues the walk.
    const resumeCursor = encodeCursor([offset]);
    return { items, cursors, endCursor: exhausted ? endCursor : resumeCursor, hasNextPage: !exhausted };
  }

  /** A page of the realm's teams by name, then id, over the cached list (a team's id is its group name: unique). */
  async teamsPage(first?: number | null, after?: string | null): Promise<CountablePage<DirectoryTeam>> {
    return cachedListPage(await this.teams(), (team) => [team.name, team.id], first, after);
  }

  /** The realm's teams, cached like users. */
  teams(): Promise<DirectoryTeam[]> {
    const now = this.now();
    if (!this.directory) return Promise.resolve([]);
    if (!this.teamsCache || this.teamsCache.expiresAt <= now) {
      const value = this.directory.teams();
      this.teamsCache = { value, expiresAt: now + this.ttlMs };
      value.catch(() => {
        this.teamsCache = null;
      });
    }
    return this.teamsCache.value;
  }
}
