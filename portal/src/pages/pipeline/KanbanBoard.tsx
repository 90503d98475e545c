import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  rectIntersection,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from '@dnd-kit/core';
import { Button, Empty, Flex, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePortal } from '../../app/portal-context';
import { formatMoney } from '../../format/format';
import type { PipelineBoardDealFragment } from '../../graphql/gen/graphql';
import { DealCard, type StageChoice } from './DealCard';
import { columnKeyboardCoordinates } from './kanban-keyboard';

export interface KanbanColumn {
  stage: StageChoice;
  count: number;
  /** The API's total in the company currency; null when a currency had no rate. */
  total: { amount: string; currencyCode: string } | null;
  missingRates: readonly string[];
  deals: readonly PipelineBoardDealFragment[];
  hasMore: boolean;
}

function ColumnTotal({ column }: { column: KanbanColumn }): ReactNode {
  const { t } = useTranslation();
  const { locale } = usePortal();
  if (column.total) return <Typography.Text strong>{formatMoney(column.total, locale)}</Typography.Text>;
  return (
    <Typography.Text type="warning">
      {t('pipeline.noTotal', { currencies: column.missingRates.join(', ') })}
    </Typography.Text>
  );
}

// Module constants: a new options object per render would give every card new drag listeners.
const pointerOptions = { activationConstraint: { distance: 6 } };
const keyboardOptions = { coordinateGetter: columnKeyboardCoordinates };

function BoardColumn({
  column,
  stages,
  redactedAccounts,
  movingDealId,
  loadingMore,
  onMove,
  onLoadMore,
  onRetryAccount,
}: {
  column: KanbanColumn;
  stages: readonly StageChoice[];
  redactedAccounts: ReadonlySet<string>;
  movingDealId: string | null;
  loadingMore: boolean;
  onMove(deal: PipelineBoardDealFragment, stageId: string): void;
  onLoadMore(stageId: string): void;
  onRetryAccount(): void;
}): ReactNode {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: column.stage.id, data: { stage: column.stage } });
  const headingId = `kanban-column-${column.stage.id}`;
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      data-kanban-column={column.stage.id}
      style={{
        flex: '0 0 264px',
        width: 264,
        minWidth: 0,
        background: isOver ? '#e6f4ff' : '#f5f5f5',
        outline: isOver ? '2px dashed #1677ff' : 'none',
        borderRadius: 8,
        padding: 8,
        minHeight: 200,
      }}
    >
      <Typography.Title level={3} id={headingId} style={{ fontSize: 15, margin: 0 }}>
        {column.stage.name}
      </Typography.Title>
      <Flex justify="space-between" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('pipeline.dealCount', { count: column.count })}</Typography.Text>
        <ColumnTotal column={column} />
      </Flex>
      <Flex vertical gap={8}>
        {column.deals.length === 0 && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pipeline.emptyColumn')} />
        )}
        {column.deals.map((deal) => (
          <DealCard
            key={deal.id}
            deal={deal}
            stages={stages}
            accountState={deal.account ? 'shown' : redactedAccounts.has(deal.id) ? 'hidden' : 'failed'}
            moving={movingDealId === deal.id}
            onMove={onMove}
            onRetryAccount={onRetryAccount}
          />
        ))}
        {column.hasMore && (
          <Button onClick={() => onLoadMore(column.stage.id)} loading={loadingMore}>
            {t('common.loadMore')}
          </Button>
        )}
      </Flex>
    </section>
  );
}

/**
 * The kanban: one column per stage with its count and total (from the API, in the company currency). A deal moves by
 * dragging (pointer, touch, or its handle with Space and the arrow keys) or through its "move to" menu. A deal
 * without its account shows it hidden when the API redacted it (`redactedAccounts`: deal ids), else as failed.
 */
export function KanbanBoard({
  columns,
  redactedAccounts,
  movingDealId,
  loadingMoreStageId,
  onMove,
  onLoadMore,
  onRetryAccount,
}: {
  columns: readonly KanbanColumn[];
  redactedAccounts: ReadonlySet<string>;
  movingDealId: string | null;
  loadingMoreStageId: string | null;
  onMove(deal: PipelineBoardDealFragment, stageId: string): void;
  onLoadMore(stageId: string): void;
  onRetryAccount(): void;
}): ReactNode {
  const { t } = useTranslation();
  const sensors = useSensors(useSensor(PointerSensor, pointerOptions), useSensor(KeyboardSensor, keyboardOptions));
  const stages = useMemo(() => columns.map((c) => c.stage), [columns]);
  const stageName = (id: string | number | undefined): string => stages.find((s) => s.id === id)?.name ?? '';
  const dealName = (id: string | number): string =>
    columns.flatMap((c) => c.deals).find((d) => d.id === id)?.name ?? '';
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('pipeline.announce.start', { name: dealName(active.id) }),
    onDragOver: ({ active, over }) =>
      over
        ? t('pipeline.announce.over', { name: dealName(active.id), stage: stageName(over.id) })
        : t('pipeline.announce.outside', { name: dealName(active.id) }),
    onDragEnd: ({ active, over }) =>
      over
        ? t('pipeline.announce.end', { name: dealName(active.id), stage: stageName(over.id) })
        : t('pipeline.announce.cancel', { name: dealName(active.id) }),
    onDragCancel: ({ active }) => t('pipeline.announce.cancel', { name: dealName(active.id) }),
  };

  function dragEnd({ active, over }: DragEndEvent): void {
    const deal = (active.data.current as { deal?: PipelineBoardDealFragment } | undefined)?.deal;
    if (!deal || !over || over.id === deal.stage.id) return;
    onMove(deal, String(over.id));
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={rectIntersection}
      onDragEnd={dragEnd}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('pipeline.dragInstructions') } }}
    >
      <div style={{ overflowX: 'auto', paddingBottom: 8 }}>
        <Flex gap={12} align="flex-start" style={{ minWidth: 'min-content' }}>
          {columns.map((column) => (
            <BoardColumn
              key={column.stage.id}
              column={column}
              stages={stages}
              redactedAccounts={redactedAccounts}
              movingDealId={movingDealId}
              loadingMore={loadingMoreStageId === column.stage.id}
              onMove={onMove}
              onLoadMore={onLoadMore}
              onRetryAccount={onRetryAccount}
            />
          ))}
        </Flex>
      </div>
    </DndContext>
  );
}
