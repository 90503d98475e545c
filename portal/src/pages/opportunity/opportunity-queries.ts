import { graphql } from '../../graphql/gen';

export const OpportunityQuery = graphql(`
  query OpportunityDetail($id: ID!) {
    opportunity(id: $id) {
      id
      name
      status
      version
      ownerId
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
