import {
  boundedCountsPerParent,
  decodeCursor,
  pageSize,
  toPages,
  type Page,
  type SqlRunner,
  type TotalCount,
} from '@crm/platform/pagination';

export type GrantAccess = 'read' | 'edit';
export const grantAccesses: readonly GrantAccess[] = ['read', 'edit'];

/** A row of account_grants: a share, or the grant of an approved access request. */
export interface AccountGrant {
  id: string;
  accountId: string;
  granteeId: string;
  access: GrantAccess;
  source: 'share' | 'access_request';
  expiresAt: Date | null;
  grantedBy: string;
  grantedAt: Date;
  requestId: string | null;
}

/** The same row as SQL returns it. */
export interface GrantRecord {
  id: string;
  account_id: string;
  grantee_id: string;
  access: GrantAccess;
  source: 'share' | 'access_request';
  expires_at: Date | null;
  granted_by: string;
  granted_at: Date;
  request_id: string | null;
}

export const GRANT_COLUMNS =
  'id, account_id, grantee_id, access, source, expires_at, granted_by, granted_at, request_id';

export function toGrant(r: GrantRecord): AccountGrant {
  return {
    id: r.id,
    accountId: r.account_id,
    granteeId: r.grantee_id,
    access: r.access,
    source: r.source,
    expiresAt: r.expires_at,
    grantedBy: r.granted_by,
    grantedAt: r.granted_at,
    requestId: r.request_id,
  };
}

/** Whose grants a caller may list on some accounts: all on `seesAll`, elsewhere only their own live ones. */
export interface GrantVisibility {
  accountIds: readonly string[];
  seesAll: readonly string[];
  viewerId: string;
  now: Date;
}

/** The live grants of account `parent.id` the caller may list; `$2..$4` are visibilityParams. */
const VISIBLE_GRANTS = `g.account_id = parent.id AND (g.expires_at IS NULL OR g.expires_at > $2)
  AND (g.account_id = ANY($3::uuid[]) OR g.grantee_id = $4)`;

function visibilityParams(v: GrantVisibility): unknown[] {
  return [v.now, v.seesAll, v.viewerId];
}

/** A page of visible grants (oldest first) for each account, in one query however many accounts. */
export async function grantPagesPerAccount(
  runner: SqlRunner,
  visibility: GrantVisibility,
  first?: number | null,
  after?: string | null,
): Promise<Map<string, Page<AccountGrant>>> {
  const limit = pageSize(first);
  const ids = visibility.accountIds;
  const params: unknown[] = [ids, ...visibilityParams(visibility)];
  let keyset = '';
  if (after) {
    const [grantedAt, id] = decodeCursor(after, 2);
    keyset = 'AND (g.granted_at, g.id) > ($5::timestamptz, $6::uuid)';
    params.push(grantedAt, id);
  }
  const rows = ids.length
    ? ((await runner.query(
        `SELECT g.* FROM unnest($1::uuid[]) AS parent(id)
          CROSS JOIN LATERAL (
            SELECT ${GRANT_COLUMNS} FROM account_grants g WHERE ${VISIBLE_GRANTS} ${keyset}
             ORDER BY g.granted_at, g.id LIMIT ${limit + 1}) g`,
        params,
      )) as GrantRecord[])
    : [];
  return toPages(
    ids,
    rows.map(toGrant),
    (g) => g.accountId,
    limit,
    (g) => [g.grantedAt.toISOString(), g.id],
  );
}

/** How many visible grants each account has (the rows its pages walk), bounded, in one statement. */
export async function grantCountsPerAccount(
  runner: SqlRunner,
  visibility: GrantVisibility,
  bound: number,
): Promise<Map<string, TotalCount>> {
  return boundedCountsPerParent(
    runner,
    `SELECT 1 FROM account_grants g WHERE ${VISIBLE_GRANTS}`,
    visibilityParams(visibility),
    visibility.accountIds,
    bound,
  );
}
