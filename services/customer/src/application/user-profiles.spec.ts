import type { DirectoryTeam, DirectoryUser, UserProfileDirectory } from '@crm/platform/auth';
import { UserProfiles } from './user-profiles';

const user = (id: string, over: Partial<DirectoryUser> = {}): DirectoryUser => ({
  id,
  username: id,
  firstName: null,
  lastName: null,
  email: null,
  enabled: true,
  roles: ['sales-rep'],
  teams: ['sales-east'],
  ...over,
});

/** An in-memory directory that records what it was asked. */
class RecordingDirectory implements UserProfileDirectory {
  readonly lookups: string[][] = [];
  teamLookups = 0;
  constructor(
    readonly users: DirectoryUser[],
    readonly realmTeams: DirectoryTeam[] = [],
  ) {}
  async usersByIds(ids: readonly string[]): Promise<DirectoryUser[]> {
    this.lookups.push([...ids]);
    return this.users.filter((u) => ids.includes(u.id));
  }
  async searchUserIds(_search: string | null, offset: number, max: number): Promise<string[]> {
    return this.users.slice(offset, offset + max).map((u) => u.id);
  }
  async teams(): Promise<DirectoryTeam[]> {
    this.teamLookups += 1;
    return this.realmTeams;
  }
}

describe('user profiles', () => {
  it('shows first and last name, else the username, and an unknown id as an inactive user named by it', async () => {
    const directory = new RecordingDirectory([user('u1', { firstName: 'Emma', lastName: 'Eastwood' }), user('u2')]);
    const [named, plain, ghost] = await new UserProfiles(directory).byIds(['u1', 'u2', 'ghost']);
    expect(named!.displayName).toBe('Emma Eastwood');
    expect(plain!.displayName).toBe('u2');
    expect(ghost).toMatchObject({ id: 'ghost', displayName: 'ghost', active: false, roles: [] });
  });

  it('asks the directory once for the ids it lacks, until their entries expire', async () => {
    let now = 0;
    const directory = new RecordingDirectory([user('u1'), user('u2')]);
    const profiles = new UserProfiles(directory, { ttlMs: 1000, now: () => now });
    await profiles.byIds(['u1', 'ghost', 'u1']);
    await profiles.byIds(['u1', 'u2', 'ghost']);
    expect(directory.lookups).toEqual([['u1', 'ghost'], ['u2']]);
    now = 1000;
    await profiles.byIds(['u1']);
    expect(directory.lookups).toHaveLength(3);
  });

  it('keeps at most maxEntries users, dropping the oldest first', async () => {
    const directory = new RecordingDirectory([user('u1'), user('u2'), user('u3')]);
    const profiles = new UserProfiles(directory, { maxEntries: 2 });
    await profiles.byIds(['u1']);
    await profiles.byIds(['u2']);
    await profiles.byIds(['u3']);
    await profiles.byIds(['u3', 'u2', 'u1']);
    expect(directory.lookups).toEqual([['u1'], ['u2'], ['u3'], ['u1']]);
  });

  it('pages a filtered list past users that do not match, resuming where the last page stopped', async () => {
    const users = Array.from({ length: 250 }, (_, i) => user(`u${i}`, { roles: i % 50 === 0 ? ['crm-admin'] : [] }));
    const profiles = new UserProfiles(new RecordingDirectory(users));
    const first = await profiles.search({ role: 'crm-admin', first: 3 });
    expect(first.items.map((u) => u.id)).toEqual(['u0', 'u50', 'u100']);
    expect(first.hasNextPage).toBe(true);
    const rest = await profiles.search({ role: 'crm-admin', first: 3, after: first.endCursor });
    expect(rest.items.map((u) => u.id)).toEqual(['u150', 'u200']);
    expect(rest.hasNextPage).toBe(false);
  });

  it('pages the teams by name, then id, over one cached directory read: each team once, the total on every page', async () => {
    // 45 teams in no order, with names shared by several teams (the id breaks the tie).
    const realm: DirectoryTeam[] = Array.from({ length: 45 }, (_, i) => ({
      id: `team-${String((i * 17) % 45).padStart(2, '0')}`,
      name: `Team ${String.fromCharCode(65 + (i % 7))}`,
      managerIds: [],
    }));
    const directory = new RecordingDirectory([], realm);
    const profiles = new UserProfiles(directory);
    const walked: DirectoryTeam[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<UserProfiles['teamsPage']>> = await profiles.teamsPage(20, after);
      expect(await page.count()).toEqual({ totalCount: 45, totalCountIsEstimate: false });
      walked.push(...page.items);
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(walked).toHaveLength(45);
    expect(new Set(walked.map((t) => t.id)).size).toBe(45);
    const key = (t: DirectoryTeam) => `${t.name}\u0000${t.id}`;
    expect(walked.map(key)).toEqual(realm.map(key).sort());
    expect(directory.teamLookups).toBe(1);
    await expect(profiles.teamsPage(20, 'garbage')).rejects.toMatchObject({
      violations: [expect.objectContaining({ path: ['after'], rule: 'cursor' })],
    });
  });
});
