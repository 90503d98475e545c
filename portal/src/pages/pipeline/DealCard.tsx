import { useDraggable } from '@dnd-kit/core';
import { HolderOutlined, MoreOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePortal } from '../../app/portal-context';
import { formatDate, formatMoney } from '../../format/format';
import type { PipelineBoardDealFragment } from '../../graphql/gen/graphql';

export interface StageChoice {
  id: string;
  name: string;
}

/** One deal on the board: drag it by its handle (mouse, touch or Space + arrows), or pick a stage from its menu. */
export function DealCard({
  deal,
  stages,
  moving,
  onMove,
}: {
  deal: PipelineBoardDealFragment;
  stages: readonly StageChoice[];
  moving: boolean;
  onMove(deal: PipelineBoardDealFragment, stageId: string): void;
}): ReactNode {
  const { t } = useTranslation();
  const { locale } = usePortal();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: deal.id, data: { deal } });
  const style = transform
    ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)`, zIndex: 10, position: 'relative' as const }
    : undefined;
  return (
    <div ref={setNodeRef} style={style} data-deal-id={deal.id}>
      <Card size="small" style={{ opacity: isDragging || moving ? 0.6 : 1 }} styles={{ body: { padding: 8 } }}>
        <Flex align="start" gap={4}>
          <Button
            type="text"
            size="small"
            icon={<HolderOutlined />}
            aria-label={t('pipeline.dragHandle', { name: deal.name })}
            style={{ cursor: 'grab', touchAction: 'none' }}
            {...attributes}
            {...listeners}
          />
          <div style={{ flex: 1, minWidth: 0 }}>
            <Link to={`/opportunities/${deal.id}`}>
              <Typography.Text strong style={{ color: 'inherit' }}>
                {deal.name}
              </Typography.Text>
            </Link>
            <div>
              <Typography.Text type="secondary" ellipsis>
                {deal.account ? deal.account.name : t('common.hiddenReason', { reason: t('pipeline.accountHidden') })}
              </Typography.Text>
            </div>
            <div>{formatMoney(deal.amount, locale)}</div>
            <Typography.Text type="secondary">
              {deal.expectedCloseDate
                ? t('pipeline.closes', { date: formatDate(deal.expectedCloseDate, locale) })
                : t('pipeline.noCloseDate')}
            </Typography.Text>
            {deal.isIdle && (
              <div>
                <Tag color="orange">{t('pipeline.idle', { days: deal.daysInStage })}</Tag>
              </div>
            )}
          </div>
          <Dropdown
            trigger={['click']}
            menu={{
              items: stages
                .filter((s) => s.id !== deal.stage.id)
                .map((s) => ({ key: s.id, label: t('pipeline.moveTo', { stage: s.name }) })),
              onClick: ({ key }) => onMove(deal, key),
            }}
          >
            <Button
              type="text"
              size="small"
              icon={<MoreOutlined />}
              loading={moving}
              aria-label={t('pipeline.moveMenu', { name: deal.name })}
            />
          </Dropdown>
        </Flex>
      </Card>
    </div>
  );
}
