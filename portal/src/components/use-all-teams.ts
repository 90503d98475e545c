import { graphql } from '../graphql/gen';
import { useAllPages, type AllPages } from './use-all-pages';

const AllTeamsQuery = graphql(`
  query AllTeams($first: Int, $after: String) {
    teams(first: $first, after: $after) {
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export interface TeamName {
  id: string;
  name: string;
}

const NO_VARIABLES = {};

/** Every team of the realm by name (pickers and team names need all of them), read page after page. */
export function useAllTeams(options: { pause?: boolean } = {}): AllPages<TeamName> {
  return useAllPages(AllTeamsQuery, NO_VARIABLES, (d) => d.teams, options);
}
