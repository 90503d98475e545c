import { customerV1 } from '@crm/contracts';
import { InputError } from '@crm/platform/errors';
import type { CallContext } from '@crm/platform/grpc';
import type { CustomerServices } from '../application/customer-services';
import type { DuplicateCandidate } from '../application/account-service';
import { checkAccountAccess } from '../application/account-access-check';
import { createOnce, idempotencyKeyOf, payloadFingerprint } from '../application/creation-keys';
import { findDuplicateAccounts } from '../application/duplicate-check';
import type { AccessLevel } from '../policy/account-access';
import { accountToProto, contactToProto, protoEnums } from '../mapping/account-mapping';
import { contactInputFromProto, fieldsFromProto } from '../mapping/proto-input-mapping';
import { actorOf, uuidOf } from './grpc-call-args';

const accessToProto: Record<AccessLevel, customerV1.AccountAccess> = {
  none: customerV1.AccountAccess.NONE,
  read: customerV1.AccountAccess.READ,
  edit: customerV1.AccountAccess.EDIT,
};

/** Id, name and matched keys only, also for accounts the caller cannot read: as createAccount answers in GraphQL. */
function candidateToProto(candidate: DuplicateCandidate): customerV1.DuplicateCandidate {
  return { accountId: candidate.account.id, name: candidate.account.name, matchedOn: candidate.matchedOn };
}

/**
 * What other services' sagas need (the sales service's lead conversion): creates that are idempotent by key, the
 * dedupe without a create, and the caller's access to many accounts at once.
 */
export function createSagaGrpcHandlers(services: CustomerServices) {
  const { dataSource, accounts, contacts } = services;
  return {
    async createAccount(
      req: customerV1.CreateAccountRequest,
      call: CallContext,
    ): Promise<customerV1.CreateAccountResponse> {
      if (!req.account) throw InputError.single(['account'], 'required', 'is required');
      const key = idempotencyKeyOf(req.idempotencyKey, ['idempotency_key']);
      const actor = actorOf(call);
      const policy = req.duplicatePolicy === customerV1.DuplicatePolicy.OVERRIDE ? 'override' : 'block';
      const fields = fieldsFromProto(req.account);
      if (!key) {
        const result = await accounts.create(fields, actor, policy);
        return {
          account: result.account ? accountToProto(result.account) : undefined,
          duplicates: result.duplicates.map(candidateToProto),
        };
      }
      return dataSource.transaction(async (tx) => {
        let duplicates: DuplicateCandidate[] = [];
        const { record } = await createOnce(
          tx,
          actor,
          { key, kind: 'account', fingerprint: payloadFingerprint(customerV1.AccountInput.toJSON(req.account!)) },
          async () => {
            const result = await accounts.create(fields, actor, policy, tx);
            duplicates = result.duplicates;
            return { record: result.account, id: result.account?.id ?? null };
          },
          (id) => accounts.get(id, actor),
        );
        return { account: record ? accountToProto(record) : undefined, duplicates: duplicates.map(candidateToProto) };
      });
    },
    async createContact(
      req: customerV1.CreateContactRequest,
      call: CallContext,
    ): Promise<customerV1.CreateContactResponse> {
      if (!req.contact) throw InputError.single(['contact'], 'required', 'is required');
      const accountId = uuidOf(req.accountId, ['account_id']);
      const key = idempotencyKeyOf(req.idempotencyKey, ['idempotency_key']);
      const actor = actorOf(call);
      const input = contactInputFromProto(accountId, req.contact);
      if (!key) return { contact: contactToProto(await contacts.create(input, actor)) };
      const fingerprint = payloadFingerprint([accountId, customerV1.ContactInput.toJSON(req.contact)]);
      return dataSource.transaction(async (tx) => {
        const { record } = await createOnce(
          tx,
          actor,
          { key, kind: 'contact', fingerprint },
          async () => {
            const row = await contacts.create(input, actor, tx);
            return { record: row, id: row.id };
          },
          (id) => contacts.get(id, actor),
        );
        return { contact: record ? contactToProto(record) : undefined };
      });
    },
    async findDuplicateAccounts(
      req: customerV1.FindDuplicateAccountsRequest,
    ): Promise<customerV1.FindDuplicateAccountsResponse> {
      const candidates = await findDuplicateAccounts(
        dataSource.manager,
        accounts,
        { name: req.name, taxId: req.taxId, phones: req.phones, emails: req.emails, website: req.website },
        services.defaultCountry,
      );
      return { candidates: candidates.map(candidateToProto) };
    },
    async checkAccountAccess(
      req: customerV1.CheckAccountAccessRequest,
      call: CallContext,
    ): Promise<customerV1.CheckAccountAccessResponse> {
      const entries = await checkAccountAccess(dataSource.manager, actorOf(call), req.accountIds);
      return {
        entries: entries.map((e) => ({
          accountId: e.accountId,
          exists: e.exists,
          deleted: e.deleted,
          access: accessToProto[e.access],
          ownerId: e.ownerId ?? '',
          teamId: e.teamId ?? '',
          grade: protoEnums.gradeToProto(e.grade),
        })),
      };
    },
  };
}
