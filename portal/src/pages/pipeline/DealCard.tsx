import { useDraggable } from '@dnd-kit/core';
import type { ReactNode } from 'react';
import type { PipelineBoardDealFragment } from '../../graphql/gen/graphql';
import { DealCardBody, type DealAccountState, type StageChoice } from './DealCardBody';

export type { DealAccountState, StageChoice } from './DealCardBody';

/**
 * One deal on the board: drag it by its handle (mouse, touch or Space + arrows), or pick a stage from its menu. Only
 * this thin wrapper subscribes to dnd-kit; the memoized body re-renders for the dragged card alone.
 */
export function DealCard({
  deal,
  stages,
  accountState,
  moving,
  onMove,
  onRetryAccount,
}: {
  deal: PipelineBoardDealFragment;
  stages: readonly StageChoice[];
  accountState: DealAccountState;
  moving: boolean;
  onMove(deal: PipelineBoardDealFragment, stageId: string): void;
  onRetryAccount(): void;
}): ReactNode {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: deal.id, data: { deal } });
  const style = transform
    ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)`, zIndex: 10, position: 'relative' as const }
    : undefined;
  return (
    <div ref={setNodeRef} style={style} data-deal-id={deal.id}>
      <DealCardBody
        deal={deal}
        stages={stages}
        accountState={accountState}
        dimmed={isDragging || moving}
        moving={moving}
        handleAttributes={attributes}
        handleListeners={listeners}
        onMove={onMove}
        onRetryAccount={onRetryAccount}
      />
    </div>
  );
}
