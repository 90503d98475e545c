import type { Actor } from '@crm/platform/auth';
import { defaultOwnership, ownershipRefusal } from './account-ownership';

const actor = (id: string, roles: string[], teams: string[]): Actor => ({ id, requestId: 'r', roles, teams });
const rep = actor('rep', ['sales-rep'], ['sales-east']);
const manager = actor('manager', ['sales-manager'], ['sales-east']);
const admin = actor('admin', ['crm-admin'], []);

describe('ownership of a new account', () => {
  it("makes a rep's account theirs, in their only team, unless they leave it in the pool explicitly", () => {
    expect(defaultOwnership(rep, {})).toEqual({ ownerId: 'rep', teamId: 'sales-east' });
    expect(defaultOwnership(rep, { ownerId: null })).toEqual({ ownerId: null, teamId: 'sales-east' });
  });

  it("leaves a manager's account without an owner (the pool), in their team", () => {
    expect(defaultOwnership(manager, {})).toEqual({ ownerId: undefined, teamId: 'sales-east' });
  });

  it('lets the team manager and crm-admin create for someone else, and nobody else', () => {
    expect(ownershipRefusal(manager, { ownerId: 'rep', teamId: 'sales-east' })).toBeNull();
    expect(ownershipRefusal(admin, { ownerId: 'rep', teamId: 'sales-south' })).toBeNull();
    expect(ownershipRefusal(rep, { ownerId: 'other', teamId: 'sales-east' })).toMatchObject({
      field: 'ownerId',
      rule: 'owner_requires_team_manager',
    });
    expect(ownershipRefusal(manager, { ownerId: 'rep', teamId: 'sales-south' })).toMatchObject({
      field: 'ownerId',
      rule: 'owner_requires_team_manager',
    });
  });

  it('keeps everyone but crm-admin to their own teams', () => {
    expect(ownershipRefusal(manager, { ownerId: null, teamId: 'sales-south' })).toMatchObject({
      field: 'teamId',
      rule: 'team_membership',
    });
    expect(ownershipRefusal(rep, { ownerId: 'rep', teamId: 'sales-east' })).toBeNull();
  });
});
