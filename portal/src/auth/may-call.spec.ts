import { mayCall, type SignedInUser } from './session';

const user = (...roles: string[]): SignedInUser => ({ id: 'u1', username: 'u', displayName: 'U', roles, teamIds: [] });

describe('mayCall', () => {
  it('lets an auditor and finance read accounts but not write them; a rep may create and claim', () => {
    for (const readOnly of [user('auditor'), user('finance')]) {
      expect(mayCall(readOnly, 'Query.accounts')).toBe(true);
      expect(mayCall(readOnly, 'Mutation.createAccount')).toBe(false);
      expect(mayCall(readOnly, 'Mutation.bulkAssignAccounts')).toBe(false);
      expect(mayCall(readOnly, 'Mutation.claimAccount')).toBe(false);
    }
    expect(mayCall(user('finance'), 'Mutation.updateAccountTerms')).toBe(true);
    expect(mayCall(user('sales-rep'), 'Mutation.createAccount')).toBe(true);
    expect(mayCall(user('sales-rep'), 'Mutation.claimAccount')).toBe(true);
    // The pool is for sellers: crm-admin assigns instead of claiming.
    expect(mayCall(user('crm-admin'), 'Mutation.claimAccount')).toBe(false);
  });

  it('only compiles for operations some service declares, and says no to any other name', () => {
    // @ts-expect-error an operation no service declares is a type error
    expect(mayCall(user('crm-admin'), 'Mutation.launchRocket')).toBe(false);
  });
});
