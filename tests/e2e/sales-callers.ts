/**
 * The callers of the sales matrices by their relation to the fixture deal (owned by rep.east1, team sales-east; its
 * account shared read-only with rep.south2).
 */
export const CALLERS = {
  OWNER: 'rep.east1',
  TEAMMATE: 'rep.east2',
  MANAGER: 'manager.east',
  OTHER_TEAM: 'rep.south1',
  SHARED: 'rep.south2',
  FINANCE: 'finance1',
  AUDITOR: 'auditor1',
  ADMIN: 'admin1',
} as const;
export type Relation = keyof typeof CALLERS;
export const RELATIONS = Object.keys(CALLERS) as Relation[];
