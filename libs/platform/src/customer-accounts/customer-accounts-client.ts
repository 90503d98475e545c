import { Metadata } from '@grpc/grpc-js';
import { customerV1 } from '@crm/contracts';
import { NotAllowedError, NotFoundError } from '../errors';
import { callUnary, createGrpcClient } from '../grpc';
import type { AccountGrade } from './account-facts';
import { gradeOf } from './account-facts-projection';

/**
 * The customer service as other services reach it: by gRPC, with the caller's own token (or the crm-services
 * account's, for a check the caller's row rules would not pass, e.g. an agent opening a ticket on any account).
 */
export interface CustomerAccounts {
  /**
   * The account exists, is not deleted, and the caller may at least read it (the customer service decides, with the
   * caller's token in metadata). Returns its owner and team; NOT_FOUND or FORBIDDEN otherwise.
   */
  requireReadable(accountId: string, token: string): Promise<ReadableAccount>;
  /** The accounts the customer service's dedupe would block a new one on (also ones the caller cannot read). */
  findDuplicateAccounts(query: customerV1.FindDuplicateAccountsRequest, token: string): Promise<DuplicateAccount[]>;
  /** The caller's access to an account (none when it does not exist or is deleted), with its owner and team. */
  accountAccess(accountId: string, token: string): Promise<AccountAccess>;
  /** CreateAccount with an idempotency key and the dedupe overridden (the user chose to create); the caller owns it. */
  createAccount(account: customerV1.AccountInput, idempotencyKey: string, token: string): Promise<AccountRef>;
  /** CreateContact on an account, with an idempotency key. */
  createContact(
    accountId: string,
    contact: customerV1.ContactInput,
    idempotencyKey: string,
    token: string,
  ): Promise<{ id: string }>;
  close(): void;
}

export interface AccountRef {
  id: string;
  ownerId: string | null;
  teamId: string | null;
}

export interface ReadableAccount extends AccountRef {
  grade: AccountGrade | null;
}

export interface AccountAccess extends AccountRef {
  access: 'none' | 'read' | 'edit';
  /** The account exists and is not in the recycle bin (whatever the caller's access). */
  live: boolean;
  /** Given to callers who may read the account and to the crm-services account. */
  grade: AccountGrade | null;
}

export interface DuplicateAccount {
  accountId: string;
  name: string;
  matchedOn: string[];
}

const accessLevels: Record<number, AccountAccess['access']> = {
  [customerV1.AccountAccess.READ]: 'read',
  [customerV1.AccountAccess.EDIT]: 'edit',
};

export function grpcCustomerAccounts(address: string, options: { deadlineMs?: number } = {}): CustomerAccounts {
  const client = createGrpcClient(customerV1.CustomerServiceClient, address, {
    deadlineMs: options.deadlineMs ?? 5000,
  });
  const withToken = (token: string) => {
    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${token}`);
    return metadata;
  };
  return {
    async requireReadable(accountId, token) {
      const response = await callUnary<customerV1.GetAccountRequest, customerV1.GetAccountResponse>(
        client.getAccount.bind(client),
        { id: accountId },
        { metadata: withToken(token) },
      ).catch((error: unknown) => {
        if (error instanceof NotFoundError) throw new NotFoundError('account', accountId);
        if (error instanceof NotAllowedError)
          throw new NotAllowedError(`you may not read account ${accountId}`, { accountId });
        throw error;
      });
      const account = response.account;
      if (!account || account.deletedAt) throw new NotFoundError('account', accountId);
      return {
        id: account.id,
        ownerId: account.ownerId || null,
        teamId: account.teamId || null,
        grade: gradeOf(account.grade),
      };
    },
    async findDuplicateAccounts(query, token) {
      const response = await callUnary<
        customerV1.FindDuplicateAccountsRequest,
        customerV1.FindDuplicateAccountsResponse
      >(client.findDuplicateAccounts.bind(client), query, { metadata: withToken(token) });
      return response.candidates;
    },
    async accountAccess(accountId, token) {
      const response = await callUnary<customerV1.CheckAccountAccessRequest, customerV1.CheckAccountAccessResponse>(
        client.checkAccountAccess.bind(client),
        { accountIds: [accountId] },
        { metadata: withToken(token) },
      );
      const entry = response.entries[0];
      const usable = entry?.exists && !entry.deleted;
      return {
        id: accountId,
        access: usable ? (accessLevels[entry.access] ?? 'none') : 'none',
        live: !!usable,
        ownerId: entry?.ownerId || null,
        teamId: entry?.teamId || null,
        grade: gradeOf(entry?.grade),
      };
    },
    async createAccount(account, idempotencyKey, token) {
      const response = await callUnary<customerV1.CreateAccountRequest, customerV1.CreateAccountResponse>(
        client.createAccount.bind(client),
        { account, duplicatePolicy: customerV1.DuplicatePolicy.OVERRIDE, idempotencyKey },
        { metadata: withToken(token) },
      );
      if (!response.account) throw new Error('the customer service created no account and named no reason');
      return {
        id: response.account.id,
        ownerId: response.account.ownerId || null,
        teamId: response.account.teamId || null,
      };
    },
    async createContact(accountId, contact, idempotencyKey, token) {
      const response = await callUnary<customerV1.CreateContactRequest, customerV1.CreateContactResponse>(
        client.createContact.bind(client),
        { accountId, contact, idempotencyKey },
        { metadata: withToken(token) },
      );
      if (!response.contact) throw new Error('the customer service created no contact and named no reason');
      return { id: response.contact.id };
    },
    close: () => client.close(),
  };
}
