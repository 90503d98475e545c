// A quote's life: draft → submitted → approved | rejected, then accepted or declined by the customer; a new version
// supersedes the live ones. A discount above the threshold waits for a manager of the deal owner's team.
import { Exact } from './exact-decimal';
import { InputError, type PreconditionError } from '@crm/platform/errors';
import { notAllowed, preconditionFailed } from './rule-errors';

export const quoteStatuses = [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'accepted',
  'declined',
  'superseded',
] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];

/** Statuses a new version supersedes; accepted, declined and superseded quotes are history and stay as they are. */
const liveStatuses: readonly QuoteStatus[] = ['draft', 'submitted', 'approved', 'rejected'];

/** True when the largest discount is strictly above the threshold (a discount at the threshold needs no approval). */
export function needsApproval(maxDiscount: string, thresholdPercent: string): boolean {
  return new Exact(maxDiscount).gt(thresholdPercent);
}

function refuse(from: QuoteStatus, step: string): PreconditionError {
  return preconditionFailed(['status'], 'quote_status', `a ${from} quote cannot be ${step}`);
}

export interface Submission {
  status: 'submitted' | 'approved';
  /** True when no approval was needed: the quote went straight to approved. */
  autoApproved: boolean;
}

/** Submitting a draft: within the threshold it is approved at once, above it it waits for a manager. */
export function submitQuote(status: QuoteStatus, maxDiscount: string, thresholdPercent: string): Submission {
  if (status !== 'draft') throw refuse(status, 'submitted');
  return needsApproval(maxDiscount, thresholdPercent)
    ? { status: 'submitted', autoApproved: false }
    : { status: 'approved', autoApproved: true };
}

/** Who is deciding, as the host knows them from the token and the team directory. */
export interface ApproverFacts {
  userId: string;
  /** The caller holds crm-admin. */
  isAdmin: boolean;
  /** Teams the caller manages. */
  managedTeams: string[];
}

export interface QuoteDealFacts {
  ownerId: string;
  /** The deal owner's team, null when they have none. */
  ownerTeam: string | null;
}

/** A manager of the deal owner's team or crm-admin; never the deal owner, whatever their roles. */
export function mayDecide(approver: ApproverFacts, deal: QuoteDealFacts): boolean {
  if (approver.userId === deal.ownerId) return false;
  if (approver.isAdmin) return true;
  return deal.ownerTeam !== null && approver.managedTeams.includes(deal.ownerTeam);
}

export type QuoteDecision = { kind: 'approve'; comment?: string | null } | { kind: 'reject'; comment: string };

export interface DecidedQuote {
  status: 'approved' | 'rejected';
  /** Trimmed; null when an approval came without one. */
  comment: string | null;
}

/** A manager's decision on a submitted quote; a rejection must say why. */
export function decideQuote(
  status: QuoteStatus,
  decision: QuoteDecision,
  approver: ApproverFacts,
  deal: QuoteDealFacts,
): DecidedQuote {
  if (!mayDecide(approver, deal)) {
    const why =
      approver.userId === deal.ownerId
        ? 'the deal owner cannot decide on their own quote'
        : "only a manager of the deal owner's team or crm-admin may decide on a quote";
    throw notAllowed(['quote'], 'approver', why);
  }
  if (status !== 'submitted') throw refuse(status, decision.kind === 'approve' ? 'approved' : 'rejected');
  const comment = decision.comment?.trim() || null;
  if (decision.kind === 'reject' && comment === null) {
    throw InputError.single(['comment'], 'required', 'a rejection needs a comment saying why');
  }
  if (comment !== null && [...comment].length > 2000) {
    throw InputError.single(['comment'], 'max_length', 'at most 2000 characters');
  }
  return { status: decision.kind === 'approve' ? 'approved' : 'rejected', comment };
}

/** The customer's answer, only to an approved quote. */
export function respondToQuote(status: QuoteStatus, answer: 'accepted' | 'declined'): 'accepted' | 'declined' {
  if (status !== 'approved') throw refuse(status, answer);
  return answer;
}

export interface QuoteVersion {
  id: string;
  version: number;
  status: QuoteStatus;
}

export interface NewVersionPlan {
  version: number;
  /** Ids of the live versions that become superseded. */
  superseded: string[];
}

/** A new version of a deal's quote: the next number, and every live version superseded; none once one was accepted. */
export function planNewVersion(versions: QuoteVersion[]): NewVersionPlan {
  const accepted = versions.find((v) => v.status === 'accepted');
  if (accepted) {
    throw preconditionFailed(
      ['quote'],
      'quote_status',
      `version ${accepted.version} was accepted by the customer: change the contract instead`,
    );
  }
  return {
    version: versions.reduce((max, v) => Math.max(max, v.version), 0) + 1,
    superseded: versions.filter((v) => liveStatuses.includes(v.status)).map((v) => v.id),
  };
}
