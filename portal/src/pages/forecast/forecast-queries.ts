import { graphql } from '../../graphql/gen';

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

/** A forecast's lines, shared by the live forecast and its recorded snapshots (so the two compare field by field). */
export const ForecastLinesFields = graphql(`
  fragment ForecastLinesFields on Forecast {
    companyCurrency
    asOf
    period {
      label
      start
      end
    }
    reps {
      ownerId
      owner {
        id
        displayName
      }
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
        adjustedByUser {
          id
          displayName
        }
        adjustedAt
        note
      }
    }
  }
`);

export const ForecastQuery = graphql(`
  query ForecastView($period: ForecastPeriodInput!, $scope: ForecastScopeInput!) {
    forecast(period: $period, scope: $scope) {
      ...ForecastLinesFields
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

export const ForecastSnapshotsQuery = graphql(`
  query ForecastSnapshots($period: ForecastPeriodInput!, $scope: ForecastScopeInput!, $after: String) {
    forecastSnapshots(period: $period, scope: $scope, first: 10, after: $after) {
      totalCount
      totalCountIsEstimate
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          id
          reason
          computedAt
          computedByUser {
            id
            displayName
          }
          forecast {
            ...ForecastLinesFields
          }
        }
      }
    }
  }
`);

export const RecordForecastSnapshotMutation = graphql(`
  mutation ForecastRecordSnapshot($period: ForecastPeriodInput!, $scope: ForecastScopeInput!, $idempotencyKey: String) {
    recordForecastSnapshot(period: $period, scope: $scope, idempotencyKey: $idempotencyKey) {
      id
    }
  }
`);

export const ForecastQuotasQuery = graphql(`
  query ForecastQuotas($ownerId: ID, $teamId: String, $period: ForecastPeriodInput, $after: String) {
    quotas(ownerId: $ownerId, teamId: $teamId, period: $period, first: 20, after: $after) {
      totalCount
      totalCountIsEstimate
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          id
          ownerId
          owner {
            id
            displayName
          }
          teamId
          period {
            label
          }
          amount {
            amount
            currencyCode
          }
          setAt
          setByUser {
            id
            displayName
          }
        }
      }
    }
  }
`);

export const SetQuotaMutation = graphql(`
  mutation ForecastSetQuota($ownerId: ID!, $teamId: String!, $period: ForecastPeriodInput!, $amount: String!) {
    setQuota(ownerId: $ownerId, teamId: $teamId, period: $period, amount: $amount) {
      id
    }
  }
`);

export const ForecastTeamRepsQuery = graphql(`
  query ForecastTeamReps($teamId: String) {
    users(role: "sales-rep", teamId: $teamId, first: 100) {
      edges {
        node {
          id
          displayName
          active
        }
      }
    }
  }
`);
