import { caughtRuleError } from './caught-rule-error';
import {
  decideQuote,
  mayDecide,
  needsApproval,
  planNewVersion,
  respondToQuote,
  submitQuote,
  type ApproverFacts,
  type QuoteStatus,
} from './quote-approval';

const deal = { ownerId: 'rep-1', ownerTeam: 'east' };
const manager: ApproverFacts = { userId: 'mgr-1', isAdmin: false, managedTeams: ['east'] };
const otherManager: ApproverFacts = { userId: 'mgr-2', isAdmin: false, managedTeams: ['west'] };
const admin: ApproverFacts = { userId: 'admin-1', isAdmin: true, managedTeams: [] };

describe('quote approval', () => {
  it.each([
    ['10', '15', false],
    ['15', '15', false],
    ['15.0001', '15', true],
    ['0', '0', false],
    ['0.5', '0', true],
  ])('a largest discount of %s%% against a %s%% threshold needs approval: %s', (max, threshold, expected) => {
    expect(needsApproval(max, threshold)).toBe(expected);
  });

  it('approves a quote within the threshold on submission', () => {
    expect(submitQuote('draft', '10', '15')).toEqual({ status: 'approved', autoApproved: true });
  });

  it('holds a quote above the threshold for a manager', () => {
    expect(submitQuote('draft', '20', '15')).toEqual({ status: 'submitted', autoApproved: false });
  });

  it.each<QuoteStatus>(['submitted', 'approved', 'rejected', 'accepted', 'declined', 'superseded'])(
    'submits only drafts, not a %s quote',
    (status) => {
      expect(caughtRuleError(() => submitQuote(status, '0', '15')).code).toBe('FAILED_PRECONDITION');
    },
  );

  it.each([
    ['a manager of the owner team', manager, true],
    ['crm-admin', admin, true],
    ['a manager of another team', otherManager, false],
    [
      'the deal owner, even managing their own team',
      { userId: 'rep-1', isAdmin: false, managedTeams: ['east'] },
      false,
    ],
    ['the deal owner, even as crm-admin', { userId: 'rep-1', isAdmin: true, managedTeams: [] }, false],
  ])('%s may decide: %s', (_who, approver, expected) => {
    expect(mayDecide(approver, deal)).toBe(expected);
  });

  it('lets no team manager decide for an owner without a team; crm-admin still may', () => {
    const teamless = { ownerId: 'rep-1', ownerTeam: null };
    expect(mayDecide({ ...manager, managedTeams: ['east', 'west'] }, teamless)).toBe(false);
    expect(mayDecide(admin, teamless)).toBe(true);
  });

  it('approves a submitted quote, with or without a comment', () => {
    expect(decideQuote('submitted', { kind: 'approve' }, manager, deal)).toEqual({ status: 'approved', comment: null });
    expect(decideQuote('submitted', { kind: 'approve', comment: ' ok for Q4 ' }, admin, deal)).toEqual({
      status: 'approved',
      comment: 'ok for Q4',
    });
  });

  it('rejects only with a comment', () => {
    expect(decideQuote('submitted', { kind: 'reject', comment: 'margin too low' }, manager, deal)).toEqual({
      status: 'rejected',
      comment: 'margin too low',
    });
    const error = caughtRuleError(() => decideQuote('submitted', { kind: 'reject', comment: '  ' }, manager, deal));
    expect([error.code, error.violations[0].path, error.violations[0].rule]).toEqual([
      'BAD_USER_INPUT',
      ['comment'],
      'required',
    ]);
  });

  it('refuses the deal owner and other teams with FORBIDDEN', () => {
    const own = caughtRuleError(() =>
      decideQuote('submitted', { kind: 'approve' }, { ...admin, userId: 'rep-1' }, deal),
    );
    expect([own.code, own.message]).toEqual(['FORBIDDEN', 'quote: the deal owner cannot decide on their own quote']);
    expect(caughtRuleError(() => decideQuote('submitted', { kind: 'approve' }, otherManager, deal)).code).toBe(
      'FORBIDDEN',
    );
  });

  it.each<QuoteStatus>(['draft', 'approved', 'rejected', 'accepted', 'declined', 'superseded'])(
    'decides only submitted quotes, not a %s one',
    (status) => {
      expect(caughtRuleError(() => decideQuote(status, { kind: 'approve' }, manager, deal)).code).toBe(
        'FAILED_PRECONDITION',
      );
    },
  );

  it('takes the customer answer only on an approved quote', () => {
    expect(respondToQuote('approved', 'accepted')).toBe('accepted');
    expect(respondToQuote('approved', 'declined')).toBe('declined');
    expect(caughtRuleError(() => respondToQuote('submitted', 'accepted')).code).toBe('FAILED_PRECONDITION');
    expect(caughtRuleError(() => respondToQuote('rejected', 'accepted')).code).toBe('FAILED_PRECONDITION');
  });

  it('numbers a new version after the highest and supersedes the live ones only', () => {
    expect(
      planNewVersion([
        { id: 'q1', version: 1, status: 'declined' },
        { id: 'q2', version: 2, status: 'superseded' },
        { id: 'q3', version: 3, status: 'rejected' },
        { id: 'q4', version: 4, status: 'approved' },
      ]),
    ).toEqual({ version: 5, superseded: ['q3', 'q4'] });
    expect(planNewVersion([])).toEqual({ version: 1, superseded: [] });
  });

  it('refuses a new version once the customer accepted one', () => {
    const error = caughtRuleError(() => planNewVersion([{ id: 'q1', version: 1, status: 'accepted' }]));
    expect(error.code).toBe('FAILED_PRECONDITION');
  });
});
