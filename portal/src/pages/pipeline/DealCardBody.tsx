import type { DraggableAttributes, DraggableSyntheticListeners } from '@dnd-kit/core';
import { HolderOutlined, MoreOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Flex, Tag, Typography } from 'antd';
import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePortal } from '../../app/portal-context';
import { mayCall } from '../../auth/session';
import { formatDate, formatMoney } from '../../format/format';
import type { PipelineBoardDealFragment } from '../../graphql/gen/graphql';

export interface StageChoice {
  id: string;
  name: string;
}

/** Whether a card's account came back, was withheld from the caller (redacted), or failed to load. */
export type DealAccountState = 'shown' | 'hidden' | 'failed';

export interface DealCardBodyProps {
  deal: PipelineBoardDealFragment;
  stages: readonly StageChoice[];
  accountState: DealAccountState;
  dimmed: boolean;
  moving: boolean;
  /** dnd-kit's handle props: stable for every card but the one being dragged. */
  handleAttributes: DraggableAttributes;
  handleListeners: DraggableSyntheticListeners;
  onMove(deal: PipelineBoardDealFragment, stageId: string): void;
  onRetryAccount(): void;
}

function DealAccount({
  deal,
  state,
  onRetry,
}: {
  deal: PipelineBoardDealFragment;
  state: DealAccountState;
  onRetry(): void;
}): ReactNode {
  const { t } = useTranslation();
  if (state === 'shown' && deal.account)
    return (
      <Typography.Text type="secondary" ellipsis>
        {deal.account.name}
      </Typography.Text>
    );
  if (state === 'hidden')
    return (
      <Typography.Text type="secondary" ellipsis>
        {t('common.hiddenReason', { reason: t('pipeline.accountHidden') })}
      </Typography.Text>
    );
  return (
    <Typography.Text type="warning">
      {t('pipeline.accountFailed')}{' '}
      <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={onRetry}>
        {t('pipeline.accountRetry')}
      </Button>
    </Typography.Text>
  );
}

/**
 * What a deal card shows. Memoized apart from the draggable wrapper: dnd-kit re-renders every `useDraggable` user when a
 * drag starts (dnd-kit #389, #1071), so only the thin wrapper may re-render then, not the antd tree of 120 cards.
 */
export const DealCardBody = memo(function DealCardBody({
  deal,
  stages,
  accountState,
  dimmed,
  moving,
  handleAttributes,
  handleListeners,
  onMove,
  onRetryAccount,
}: DealCardBodyProps): ReactNode {
  const { t } = useTranslation();
  const { locale, user } = usePortal();
  // Roles the sales service refuses a stage move get the card to read, without a handle or menu that would fail.
  const moves = mayCall(user, 'Mutation.moveOpportunityStage');
  return (
    <Card size="small" style={{ opacity: dimmed ? 0.6 : 1 }} styles={{ body: { padding: 8 } }}>
      <Flex align="start" gap={4}>
        {moves && (
          <Button
            type="text"
            size="small"
            icon={<HolderOutlined />}
            aria-label={t('pipeline.dragHandle', { name: deal.name })}
            style={{ cursor: 'grab', touchAction: 'none' }}
            {...handleAttributes}
            {...handleListeners}
          />
        )}
        <div style={{ flex: 1, minWidth: 0 }}>
          <Link to={`/opportunities/${deal.id}`}>
            <Typography.Text strong style={{ color: 'inherit' }}>
              {deal.name}
            </Typography.Text>
          </Link>
          <div>
            <DealAccount deal={deal} state={accountState} onRetry={onRetryAccount} />
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
        {moves && (
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
        )}
      </Flex>
    </Card>
  );
});
