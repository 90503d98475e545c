import { graphql } from '../../graphql/gen';

export const ForecastQuery = graphql(`
  query ForecastView(
    $period: ForecastPeriodInput!
    $scope: ForecastScopeInput!
    $teamId: String
    $withNames: Boolean!
  ) {
    users(teamId: $teamId, first: 100) @include(if: $withNames) {
      edges {
        node {
          id
          displayName
        }
      }
    }
    forecast(period: $period, scope: $scope) {
      companyCurrency
      asOf
      period {
        label
        start
        end
      }
      reps {
        ownerId
        quota {
          amount
          currencyCode
        }
        attainment
        figures {
          ...ForecastFiguresFields
        }
      }
      team {
        teamId
        quota {
          amount
          currencyCode
        }
        attainment
        figures {
          ...ForecastFiguresFields
        }
        adjusted {
          commit {
            amount
            currencyCode
          }
          bestCase {
            amount
            currencyCode
          }
          adjustedAt
          note
        }
      }
    }
  }
`);

export const ForecastFiguresFields = graphql(`
  fragment ForecastFiguresFields on ForecastFigures {
    closed {
      amount
      currencyCode
    }
    commit {
      amount
      currencyCode
    }
    bestCase {
      amount
      currencyCode
    }
    pipeline {
      amount
      currencyCode
    }
    weightedPipeline {
      amount
      currencyCode
    }
  }
`);

export const AdjustTeamForecastMutation = graphql(`
  mutation ForecastAdjustTeam(
    $teamId: String!
    $period: ForecastPeriodInput!
    $commit: String
    $bestCase: String
    $note: String
  ) {
    adjustTeamForecast(teamId: $teamId, period: $period, commit: $commit, bestCase: $bestCase, note: $note) {
      id
    }
  }
`);
