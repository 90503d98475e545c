// Who does what in the sales seed: each step runs as the user (or service account) who would do it in real life.
import { demoUser } from '@crm/testing';

/** A demo user's username, or a confidential client's service account (client-credentials token). */
export type SeedCaller = string | { serviceAccount: string };

/** GraphQL through the gateway as `as` (crm-admin when not given); throws on any error. */
export type SeedGraphql = (
  query: string,
  variables: Record<string, unknown>,
  as?: SeedCaller,
) => Promise<Record<string, unknown>>;

export interface SeedRep {
  username: string;
  id: string;
}
export interface SalesTeam {
  id: string;
  manager: string;
  reps: SeedRep[];
}

const rep = (username: string): SeedRep => ({ username, id: demoUser(username).id });

/** The demo realm's sales teams: their manager and reps. */
export const salesTeams: SalesTeam[] = [
  { id: 'sales-east', manager: 'manager.east', reps: [rep('rep.east1'), rep('rep.east2')] },
  { id: 'sales-south', manager: 'manager.south', reps: [rep('rep.south1'), rep('rep.south2')] },
];

/** The rep with that user id and their team, or undefined for anyone else. */
export function repById(id: string): { rep: SeedRep; team: SalesTeam } | undefined {
  for (const team of salesTeams) {
    const found = team.reps.find((r) => r.id === id);
    if (found) return { rep: found, team };
  }
  return undefined;
}
