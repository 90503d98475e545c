import type { UserDirectory } from '@crm/platform/auth';

/** Which teams a user is in (Keycloak groups under /teams); null when the directory does not know the user. */
export interface UserTeams {
  teamsOf(userId: string): Promise<string[] | null>;
}

/** A user's teams as Keycloak's directory knows them; a disabled or unknown user has none to give deals to. */
export function userTeams(directory: UserDirectory): UserTeams {
  return {
    async teamsOf(userId) {
      if (!(await directory.isEnabled(userId))) return null;
      return directory.userTeams(userId);
    },
  };
}
