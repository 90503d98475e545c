import { Metadata } from '@grpc/grpc-js';
import { customerV1 } from '@crm/contracts';
import { NotAllowedError, NotFoundError } from '@crm/platform/errors';
import { callUnary, createGrpcClient } from '@crm/platform/grpc';

/** The customer service as the sales service reaches it: by gRPC, always with the caller's own token. */
export interface CustomerAccounts {
  /**
   * The account exists, is not deleted, and the caller may at least read it (the customer service decides, with the
   * caller's token in metadata). Returns its owner and team; NOT_FOUND or FORBIDDEN otherwise.
   */
  requireReadable(
    accountId: string,
    token: string,
  ): Promise<{ id: string; ownerId: string | null; teamId: string | null }>;
  close(): void;
}

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
      return { id: account.id, ownerId: account.ownerId || null, teamId: account.teamId || null };
    },
    close: () => client.close(),
  };
}
