import { Card, Col, Descriptions, Result, Row, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { formatDate, formatDateTime, formatMoney } from '../../format/format';
import { ContractsCard } from './ContractsCard';
import { LineItemsCard } from './LineItemsCard';
import { OpportunityQuery } from './opportunity-queries';
import { QuotesCard } from './QuotesCard';

/** One deal: its header, line items, quote versions with approval, contracts with payment plans, stage history. */
export function OpportunityPage(): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const { id = '' } = useParams();
  const [{ data, error, fetching }, reload] = useQuery({ query: OpportunityQuery, variables: { id } });
  const refresh = (): void => reload({ requestPolicy: 'network-only' });

  if (error && !data) return <QueryError error={error} retry={refresh} />;
  if (!data) return fetching ? <PageSkeleton rows={10} /> : null;
  const deal = data.opportunity;
  // The API answers null both for a missing deal and for one the caller may not see: say so without revealing which.
  if (!deal)
    return (
      <Result
        status="404"
        title={t('opportunity.notFoundTitle')}
        subTitle={t('opportunity.notFoundBody')}
        extra={<Link to="/pipeline">{t('opportunity.backToPipeline')}</Link>}
      />
    );

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {deal.name}{' '}
        <Tag color={deal.status === 'WON' ? 'green' : deal.status === 'LOST' ? 'red' : 'blue'}>
          {t(`pipeline.status.${deal.status}`)}
        </Tag>
      </Typography.Title>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'account',
            label: t('opportunity.account'),
            children: deal.account ? (
              <Link to={`/accounts/${deal.account.id}`}>{deal.account.name}</Link>
            ) : (
              t('common.hiddenReason', { reason: t('pipeline.accountHidden') })
            ),
          },
          { key: 'stage', label: t('opportunity.stage'), children: `${deal.pipeline.name} · ${deal.stage.name}` },
          { key: 'amount', label: t('opportunity.amount'), children: formatMoney(deal.amount, locale) },
          { key: 'owner', label: t('opportunity.owner'), children: deal.owner.displayName },
          {
            key: 'close',
            label: t('opportunity.expectedClose'),
            children: deal.expectedCloseDate ? formatDate(deal.expectedCloseDate, locale) : t('common.none'),
          },
          { key: 'probability', label: t('opportunity.probability'), children: `${deal.probability}%` },
          { key: 'next', label: t('opportunity.nextStep'), children: deal.nextStep ?? t('common.none') },
        ]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <LineItemsCard deal={deal} reload={refresh} />
        </Col>
        <Col xs={24}>
          <QuotesCard deal={deal} reload={refresh} />
        </Col>
        <Col xs={24} lg={16}>
          <ContractsCard deal={deal} reload={refresh} />
        </Col>
        <Col xs={24} lg={8}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('opportunity.history')}</h2>}>
            <Timeline
              items={deal.stageHistory.edges.map(({ node }) => ({
                key: node.id,
                content: (
                  <>
                    <div>
                      {node.fromStage
                        ? t('opportunity.movedFromTo', { from: node.fromStage.name, to: node.toStage.name })
                        : t('opportunity.createdIn', { stage: node.toStage.name })}
                    </div>
                    <Typography.Text type="secondary">
                      {[
                        formatDateTime(node.movedAt, locale, timeZone),
                        node.movedByUser?.displayName ?? t('opportunity.bySystem'),
                        node.reason,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography.Text>
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
