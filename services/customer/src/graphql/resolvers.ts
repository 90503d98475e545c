import { sensitiveField } from './sensitive-fields';
import type { AccountFields } from '../domain/account';
import { searchAccounts } from '../application/account-search';
import { isUuid } from '../domain/uuid';
import { followUpDueAt } from '../domain/follow-up-cadence';
import { childConnection, countedConnection, requireUuid, totalCountResolvers } from './connection';
import { nullWhenNotFound, scalarResolvers } from '@crm/platform/graphql';
import type { AccountInput, Resolvers } from './generated/resolver-types';

/** GraphQL omits absent fields; an explicit null clears the field. Lists given as null become empty. */
function accountPatch(input: AccountInput): Partial<AccountFields> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (['phones', 'emails', 'tags', 'addresses'].includes(key)) patch[key] = value ?? [];
    else if (key === 'customFields') patch[key] = value ?? {};
    else patch[key] = value;
  }
  return patch as Partial<AccountFields>;
}

export const resolvers: Resolvers = {
  ...scalarResolvers,
  LifecycleStage: { PROSPECT: 'prospect', CUSTOMER: 'customer', CHURNED: 'churned' },
  CompanySize: { MICRO: 'micro', SMALL: 'small', MEDIUM: 'medium', LARGE: 'large', ENTERPRISE: 'enterprise' },
  ActivityKind: { CALL: 'call', VISIT: 'visit', MEETING: 'meeting', EMAIL: 'email', WECHAT: 'wechat', NOTE: 'note' },
  PreferredChannel: { PHONE: 'phone', EMAIL: 'email', WECHAT: 'wechat', SMS: 'sms', VISIT: 'visit' },
  DuplicatePolicy: { BLOCK: 'block', OVERRIDE: 'override' },
  DuplicateMatch: { TAX_ID: 'tax_id', EMAIL: 'email', PHONE: 'phone', NAME: 'name' },
  AccountSortField: {
    RELEVANCE: 'relevance',
    NAME: 'name',
    CREATED_AT: 'created_at',
    UPDATED_AT: 'updated_at',
    LAST_ACTIVITY_AT: 'last_activity_at',
    FOLLOW_UP_DUE: 'follow_up_due',
  },
  CustomObjectType: { ACCOUNT: 'account', CONTACT: 'contact' },
  CustomFieldType: {
    TEXT: 'text',
    NUMBER: 'number',
    DECIMAL: 'decimal',
    DATE: 'date',
    BOOLEAN: 'boolean',
    SELECT: 'select',
    MULTISELECT: 'multiselect',
    EMAIL: 'email',
    URL: 'url',
  },

  Query: {
    account: async (_, { id }, ctx) => {
      if (!isUuid(id)) return null;
      // FORBIDDEN (with canRequestAccess) for someone else's account, so the page can offer to ask for access.
      return nullWhenNotFound(ctx.services.accounts.get(id, ctx.actor));
    },
    accounts: async (_, args, ctx) =>
      countedConnection(
        await searchAccounts(
          ctx.services.dataSource.manager,
          {
            query: args.search ?? undefined,
            filter: args.filter ?? undefined,
            sort: args.sort ? { field: args.sort.field, descending: args.sort.direction === 'DESC' } : undefined,
            defaultCountry: ctx.services.defaultCountry,
            followUpCadence: ctx.services.followUpCadence,
            first: args.first,
            after: args.after,
          },
          ctx.actor,
        ),
        ctx.services.exactCountUpTo,
      ),
    recycleBin: async (_, args, ctx) =>
      countedConnection(
        await ctx.services.accounts.recycleBin(ctx.actor, args.first, args.after),
        ctx.services.exactCountUpTo,
      ),
    contact: async (_, { id }, ctx) => (isUuid(id) ? ctx.services.contacts.get(id, ctx.actor) : null),
  },

  Mutation: {
    createAccount: async (_, { input }, ctx) => {
      const result = await ctx.services.accounts.create(
        accountPatch(input.account),
        ctx.actor,
        input.duplicatePolicy ?? 'block',
      );
      return { account: result.account, duplicates: result.duplicates };
    },
    updateAccount: async (_, { input }, ctx) => {
      requireUuid(input.id, ['input', 'id']);
      return ctx.services.accounts.update(input.id, accountPatch(input.account), ctx.actor, input.expectedVersion);
    },
    deleteAccount: async (_, { id }, ctx) => {
      requireUuid(id, ['id']);
      return ctx.services.accounts.softDelete(id, ctx.actor);
    },
    restoreAccount: async (_, { id }, ctx) => {
      requireUuid(id, ['id']);
      return ctx.services.accounts.restore(id, ctx.actor);
    },
    updateAccountTerms: async (_, { input }, ctx) => {
      requireUuid(input.id, ['input', 'id']);
      return ctx.services.accounts.updateTerms(input.id, input.terms, ctx.actor);
    },
    mergeAccounts: async (_, { input }, ctx) => {
      requireUuid(input.winnerId, ['input', 'winnerId']);
      requireUuid(input.loserId, ['input', 'loserId']);
      return ctx.services.accounts.merge(input.winnerId, input.loserId, ctx.actor);
    },
    createContact: async (_, { input }, ctx) => ctx.services.contacts.create(input, ctx.actor),
    updateContact: async (_, { input }, ctx) => {
      requireUuid(input.id, ['input', 'id']);
      return ctx.services.contacts.update(input.id, input.contact, ctx.actor, input.expectedVersion);
    },
    deleteContact: async (_, { id }, ctx) => {
      requireUuid(id, ['id']);
      return ctx.services.contacts.softDelete(id, ctx.actor);
    },
    logActivity: async (_, { input }, ctx) => ctx.services.activities.log(input, ctx.actor),
  },

  AccountConnection: totalCountResolvers,
  ContactConnection: totalCountResolvers,
  ActivityConnection: totalCountResolvers,
  DuplicateCandidate: {
    accountId: (c) => c.account.id,
    name: (c) => c.account.name,
    // Row-level security applies to candidates too: the full record only when the caller may read it.
    account: (c, _, ctx) => ctx.loaders.account.load(c.account.id),
  },
  Account: {
    creditLimit: sensitiveField('creditLimit'),
    paymentTerms: sensitiveField('paymentTerms'),
    bankName: sensitiveField('bankName'),
    bankAccount: sensitiveField('bankAccount'),
    taxRegistration: sensitiveField('taxRegistration'),
    __resolveReference: async (ref, ctx) => (isUuid(ref.id) ? ctx.loaders.account.load(ref.id) : null),
    customFields: (row) => row.customFields ?? {},
    followUpDueAt: (row, _, ctx) => followUpDueAt(row, ctx.services.followUpCadence),
    contacts: async (row, args, ctx) =>
      childConnection(await ctx.loaders.accountContacts(row, args), () => ctx.loaders.accountContactCounts(row)),
    activities: async (row, args, ctx) =>
      childConnection(await ctx.loaders.accountActivities(row, args), () => ctx.loaders.accountActivityCounts(row)),
  },
  Contact: {
    __resolveReference: async (ref, ctx) => (isUuid(ref.id) ? ctx.loaders.contact.load(ref.id) : null),
    account: (row, _, ctx) => ctx.loaders.account.load(row.accountId),
  },
  Activity: {
    __resolveReference: async (ref, ctx) => (isUuid(ref.id) ? ctx.loaders.activity.load(ref.id) : null),
  },
};
