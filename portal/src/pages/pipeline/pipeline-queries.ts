import { graphql } from '../../graphql/gen';

export const PipelinesQuery = graphql(`
  query PipelinePipelines($first: Int, $after: String) {
    pipelines(first: $first, after: $after) {
      edges {
        node {
          id
          name
          isDefault
          stages {
            id
            name
            kind
            position
            entryCriteria
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const BoardDealFields = graphql(`
  fragment PipelineBoardDeal on Opportunity {
    id
    name
    version
    amount {
      amount
      currencyCode
    }
    expectedCloseDate
    daysInStage
    isIdle
    accountId
    account {
      id
      name
    }
    stage {
      id
    }
  }
`);

export const BoardQuery = graphql(`
  query PipelineBoard($pipelineId: ID!, $perColumn: Int) {
    pipelineBoard(pipelineId: $pipelineId, perColumn: $perColumn) {
      companyCurrency
      ratesAsOf
      columns {
        stage {
          id
          name
          kind
          entryCriteria
        }
        count
        total {
          amount
          currencyCode
        }
        missingRates
        deals {
          edges {
            cursor
            node {
              ...PipelineBoardDeal
            }
          }
          pageInfo {
            endCursor
            hasNextPage
          }
        }
      }
    }
  }
`);

export const StageDealsQuery = graphql(`
  query PipelineStageDeals($stageId: ID!, $after: String) {
    stageDeals(stageId: $stageId, first: 20, after: $after) {
      edges {
        cursor
        node {
          ...PipelineBoardDeal
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const MoveStageMutation = graphql(`
  mutation PipelineMoveStage($input: MoveOpportunityStageInput!) {
    moveOpportunityStage(input: $input) {
      ...PipelineBoardDeal
      status
    }
  }
`);

export const DealContactsQuery = graphql(`
  query PipelineDealContacts($accountId: ID!) {
    account(id: $accountId) {
      id
      contacts(first: 100) {
        edges {
          node {
            id
            name
            title
          }
        }
      }
    }
  }
`);

export const DealListQuery = graphql(`
  query PipelineDealList($filter: OpportunityFilter, $after: String) {
    opportunities(filter: $filter, first: 20, after: $after) {
      totalCount
      totalCountIsEstimate
      edges {
        cursor
        node {
          id
          name
          status
          amount {
            amount
            currencyCode
          }
          probability
          expectedCloseDate
          updatedAt
          isIdle
          stage {
            id
            name
          }
          account {
            id
            name
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);
