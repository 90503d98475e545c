import { customerV1 } from '@crm/contracts';
import { InputError } from '@crm/platform/errors';
import type { AccountFields } from '../domain/account';
import { fieldsFromProto } from '../mapping/proto-input-mapping';
import { searchAccounts, type AccountSortField } from '../application/account-search';
import type { CallContext } from '@crm/platform/grpc';
import type { CustomerServices } from '../application/customer-services';
import { actorOf, uuidOf } from './grpc-call-args';
import { createSagaGrpcHandlers } from './saga-grpc-handlers';
import { accountToProto, activityKindFromProto, activityToProto, protoEnums } from '../mapping/account-mapping';

const sortFields: Record<customerV1.AccountSortField, AccountSortField> = {
  [customerV1.AccountSortField.UNSPECIFIED]: 'relevance',
  [customerV1.AccountSortField.NAME]: 'name',
  [customerV1.AccountSortField.CREATED_AT]: 'created_at',
  [customerV1.AccountSortField.UPDATED_AT]: 'updated_at',
  [customerV1.AccountSortField.LAST_ACTIVITY_AT]: 'last_activity_at',
  [customerV1.AccountSortField.UNRECOGNIZED]: 'relevance',
};

const inputPaths: Record<string, keyof AccountFields> = {
  name: 'name',
  tax_id: 'taxId',
  industry: 'industry',
  size: 'size',
  website: 'website',
  addresses: 'addresses',
  phones: 'phones',
  emails: 'emails',
  tags: 'tags',
  grade: 'grade',
  lifecycle_stage: 'lifecycleStage',
  owner_id: 'ownerId',
  team_id: 'teamId',
  custom_fields: 'customFields',
  description: 'description',
};

export function createCustomerGrpcHandlers(services: CustomerServices) {
  const { dataSource, accounts, activities } = services;
  return {
    ...createSagaGrpcHandlers(services),
    async getAccount(req: customerV1.GetAccountRequest, call: CallContext): Promise<customerV1.GetAccountResponse> {
      return { account: accountToProto(await accounts.get(uuidOf(req.id, ['id']), actorOf(call))) };
    },
    async batchGetAccounts(
      req: customerV1.BatchGetAccountsRequest,
      call: CallContext,
    ): Promise<customerV1.BatchGetAccountsResponse> {
      if (req.ids.length > 500) throw InputError.single(['ids'], 'max_items', 'at most 500 ids per call');
      return {
        accounts: (
          await accounts.batchGet(
            req.ids.map((id, i) => uuidOf(id, ['ids', i])),
            actorOf(call),
          )
        ).map(accountToProto),
      };
    },
    async searchAccounts(
      req: customerV1.SearchAccountsRequest,
      call: CallContext,
    ): Promise<customerV1.SearchAccountsResponse> {
      const f = req.filter;
      const page = await searchAccounts(
        dataSource.manager,
        {
          query: req.query,
          defaultCountry: services.defaultCountry,
          filter: f && {
            ownerIds: f.ownerIds,
            grades: f.grades.map((g) => protoEnums.gradeFromProto(g)).filter((g): g is NonNullable<typeof g> => !!g),
            stages: f.stages.map((s) => protoEnums.stageFromProto(s)).filter((s): s is NonNullable<typeof s> => !!s),
            tags: f.tags,
            industries: f.industries,
            lastActivityBefore: f.lastActivityBefore,
            lastActivityAfter: f.lastActivityAfter,
            inPool: f.inPool,
          },
          sort: { field: sortFields[req.sortField] ?? 'relevance', descending: req.descending },
          first: req.page?.first,
          after: req.page?.after || null,
        },
        actorOf(call),
      );
      return {
        accounts: page.items.map(accountToProto),
        pageInfo: { endCursor: page.endCursor ?? '', hasNextPage: page.hasNextPage },
      };
    },
    async updateAccount(
      req: customerV1.UpdateAccountRequest,
      call: CallContext,
    ): Promise<customerV1.UpdateAccountResponse> {
      if (!req.account) throw InputError.single(['account'], 'required', 'is required');
      const unknown = req.updateMask.filter((p) => !inputPaths[p]);
      if (unknown.length)
        throw InputError.single(['update_mask'], 'known_paths', `unknown paths: ${unknown.join(', ')}`);
      const paths = req.updateMask.length
        ? req.updateMask.map((p) => inputPaths[p])
        : (Object.values(inputPaths) as (keyof AccountFields)[]);
      const patch = fieldsFromProto(req.account, paths);
      if (paths.includes('lifecycleStage') && !patch.lifecycleStage) delete patch.lifecycleStage;
      const expected = Number(req.expectedVersion) || null;
      return { account: accountToProto(await accounts.update(uuidOf(req.id, ['id']), patch, actorOf(call), expected)) };
    },
    async deleteAccount(
      req: customerV1.DeleteAccountRequest,
      call: CallContext,
    ): Promise<customerV1.DeleteAccountResponse> {
      return { account: accountToProto(await accounts.softDelete(uuidOf(req.id, ['id']), actorOf(call))) };
    },
    async restoreAccount(
      req: customerV1.RestoreAccountRequest,
      call: CallContext,
    ): Promise<customerV1.RestoreAccountResponse> {
      return { account: accountToProto(await accounts.restore(uuidOf(req.id, ['id']), actorOf(call))) };
    },
    async getAccountOwner(
      req: customerV1.GetAccountOwnerRequest,
      call: CallContext,
    ): Promise<customerV1.GetAccountOwnerResponse> {
      const account = await accounts.get(uuidOf(req.accountId, ['accountId']), actorOf(call));
      return { accountId: account.id, ownerId: account.ownerId ?? '', teamId: account.teamId ?? '' };
    },
    async logActivity(req: customerV1.LogActivityRequest, call: CallContext): Promise<customerV1.LogActivityResponse> {
      const kind = activityKindFromProto(req.kind);
      const row = await activities.log(
        {
          accountId: req.accountId,
          contactId: req.contactId || null,
          kind: kind ?? 'unspecified',
          subject: req.subject,
          outcome: req.outcome || null,
          nextStep: req.nextStep || null,
          nextFollowUpAt: req.nextFollowUpAt ?? null,
          occurredAt: req.occurredAt ?? null,
          opportunityId: req.opportunityId || null,
          ticketId: req.ticketId || null,
        },
        actorOf(call),
      );
      return { activity: activityToProto(row) };
    },
  };
}

export type CustomerGrpcHandlers = ReturnType<typeof createCustomerGrpcHandlers>;
