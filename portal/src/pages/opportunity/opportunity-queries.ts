import { graphql } from '../../graphql/gen';

export const OpportunityQuery = graphql(`
  query OpportunityDetail($id: ID!) {
    opportunity(id: $id) {
      id
      name
      status
      version
      ownerId
      owner {
        id
        displayName
      }
      accountId
      account {
        id
        name
      }
      stage {
        id
        name
      }
      pipeline {
        id
        name
      }
      amount {
        amount
        currencyCode
      }
      probability
      expectedCloseDate
      nextStep
      lineItems {
        position
        product {
          id
          name
        }
        quantity
        unitPrice {
          amount
          currencyCode
        }
        discountPercent
        lineTotal {
          amount
          currencyCode
        }
      }
      quotes {
        id
        version
        status
        total {
          amount
          currencyCode
        }
        maxDiscountPercent
        needsApproval
        validUntil
        submittedAt
        decidedAt
        decidedByUser {
          id
          displayName
        }
        decisionComment
      }
      contracts {
        id
        number
        status
        value {
          amount
          currencyCode
        }
        signedOn
        startOn
        termMonths
        paymentPlan {
          version
          contractValue {
            amount
            currencyCode
          }
          planned {
            amount
            currencyCode
          }
          unplanned {
            amount
            currencyCode
          }
          instalments {
            id
            sequence
            dueOn
            status
            amount {
              amount
              currencyCode
            }
            paid {
              amount
              currencyCode
            }
            outstanding {
              amount
              currencyCode
            }
            daysOverdue
          }
          payments {
            id
            instalmentId
            source
            amount {
              amount
              currencyCode
            }
            receivedOn
            recordedByUser {
              id
              displayName
            }
          }
        }
      }
      stageHistory(first: 50) {
        edges {
          node {
            id
            fromStage {
              id
              name
            }
            toStage {
              id
              name
            }
            toStatus
            movedAt
            movedByUser {
              id
              displayName
            }
            reason
          }
        }
      }
    }
  }
`);

export const CreateQuoteMutation = graphql(`
  mutation OpportunityCreateQuote($input: CreateQuoteInput!) {
    createQuote(input: $input) {
      id
      status
    }
  }
`);

export const SubmitQuoteMutation = graphql(`
  mutation OpportunitySubmitQuote($id: ID!) {
    submitQuote(id: $id) {
      id
      status
    }
  }
`);

export const ApproveQuoteMutation = graphql(`
  mutation OpportunityApproveQuote($id: ID!, $comment: String) {
    approveQuote(id: $id, comment: $comment) {
      id
      status
    }
  }
`);

export const RejectQuoteMutation = graphql(`
  mutation OpportunityRejectQuote($id: ID!, $comment: String!) {
    rejectQuote(id: $id, comment: $comment) {
      id
      status
    }
  }
`);

export const AcceptQuoteMutation = graphql(`
  mutation OpportunityAcceptQuote($id: ID!) {
    acceptQuote(id: $id) {
      id
      status
    }
  }
`);

export const CreateContractMutation = graphql(`
  mutation OpportunityCreateContract($input: CreateContractInput!) {
    createContract(input: $input) {
      id
      status
    }
  }
`);

export const SignContractMutation = graphql(`
  mutation OpportunitySignContract($id: ID!, $signedOn: Date!) {
    signContract(id: $id, signedOn: $signedOn) {
      id
      status
    }
  }
`);

export const RecordReceiptMutation = graphql(`
  mutation OpportunityRecordReceipt($instalmentId: ID!, $amount: String!, $receivedOn: Date!, $idempotencyKey: String) {
    recordReceipt(
      instalmentId: $instalmentId
      amount: $amount
      receivedOn: $receivedOn
      idempotencyKey: $idempotencyKey
    ) {
      id
    }
  }
`);

export const SetLineItemsMutation = graphql(`
  mutation OpportunitySetLineItems($opportunityId: ID!, $items: [LineItemInput!]!, $expectedVersion: Int!) {
    setOpportunityLineItems(opportunityId: $opportunityId, items: $items, expectedVersion: $expectedVersion) {
      id
      version
    }
  }
`);

export const ProductPickerQuery = graphql(`
  query OpportunityProducts($search: String) {
    products(search: $search, first: 50) {
      edges {
        node {
          id
          code
          name
          active
          prices {
            unitPrice {
              amount
              currencyCode
            }
          }
        }
      }
    }
  }
`);

export const SetPaymentPlanMutation = graphql(`
  mutation OpportunitySetPaymentPlan($contractId: ID!, $instalments: [InstalmentInput!]!, $expectedVersion: Int!) {
    setPaymentPlan(contractId: $contractId, instalments: $instalments, expectedVersion: $expectedVersion) {
      contractId
      version
    }
  }
`);
