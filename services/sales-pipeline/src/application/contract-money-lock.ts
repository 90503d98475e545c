import type { EntityManager } from 'typeorm';
import type { Actor } from '@crm/platform/auth';
import { NotAllowedError, NotFoundError } from '@crm/platform/errors';
import { contractTerms, type ContractTerms } from '../db/payment-plan-rows';
import { mayManageContractMoney } from '../policy/contract-money-access';

/** Locks the contract row (every writer of its plan and payments does, in this order) and checks the actor. */
export async function lockContract(tx: EntityManager, contractId: string, actor: Actor): Promise<ContractTerms> {
  const contract = (await contractTerms(tx, [contractId], { lock: true })).get(contractId);
  if (!contract) throw new NotFoundError('contract', contractId);
  requireMoneyAccess(actor, contract);
  return contract;
}

export function requireMoneyAccess(actor: Actor, contract: ContractTerms): void {
  if (!mayManageContractMoney(actor, contract)) {
    throw new NotAllowedError(
      `contract ${contract.id}'s payments are for its owner, their managers, finance and crm-admin`,
      { contractId: contract.id },
    );
  }
}
