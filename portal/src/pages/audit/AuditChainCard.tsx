import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { formatDateTime, formatNumber } from '../../format/format';
import type { AuditChainFragment } from '../../graphql/gen/graphql';
import { AuditChainRestores } from './AuditChainRestores';
import { AuditChainStatusQuery, serviceSwitches, type AuditService } from './audit-queries';

/** OK or broken, said in words with an icon (green/red only helps). */
function Verdict({ ok, okText, badText }: { ok: boolean; okText: string; badText: string }): ReactNode {
  return ok ? (
    <Typography.Text strong style={{ color: '#135200' }}>
      <CheckCircleFilled aria-hidden /> {okText}
    </Typography.Text>
  ) : (
    <Typography.Text strong style={{ color: '#a8071a' }}>
      <CloseCircleFilled aria-hidden /> {badText}
    </Typography.Text>
  );
}

function ChainReport({ chain }: { chain: AuditChainFragment }): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const checkpoint = chain.checkpoint;
  return (
    <Flex vertical gap="small">
      <Verdict ok={chain.ok} okText={t('audit.chain.intact')} badText={t('audit.chain.broken')} />
      <Typography.Text>{t('audit.chain.rows', { rows: formatNumber(chain.rows, locale) })}</Typography.Text>
      <AuditChainRestores restores={chain.restores} />
      {chain.ok && chain.lastSeq === null && <Typography.Text>{t('audit.chain.empty')}</Typography.Text>}
      {chain.ok && chain.lastSeq !== null && (
        <Typography.Text>{t('audit.chain.lastSeq', { seq: chain.lastSeq })}</Typography.Text>
      )}
      {chain.lastHash && (
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'hash',
              label: t('audit.chain.lastHash'),
              children: (
                <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                  {chain.lastHash}
                </Typography.Text>
              ),
            },
          ]}
        />
      )}
      {!chain.ok && (
        <Alert
          type="error"
          showIcon
          title={
            chain.firstBrokenSeq !== null
              ? t('audit.chain.firstBroken', { seq: chain.firstBrokenSeq })
              : chain.reason
                ? t(`audit.chain.reason.${chain.reason}`)
                : t('audit.chain.broken')
          }
          description={
            <>
              {chain.reason && chain.firstBrokenSeq !== null && <div>{t(`audit.chain.reason.${chain.reason}`)}</div>}
              {chain.message && <div>{chain.message}</div>}
              <div>{t('audit.chain.whatNext')}</div>
            </>
          }
        />
      )}
      <Typography.Text type="secondary">{t('audit.chain.checkpoint')}</Typography.Text>
      <Verdict ok={checkpoint.ok} okText={t('audit.chain.checkpointOk')} badText={t('audit.chain.checkpointBad')} />
      {checkpoint.seq !== null && checkpoint.at && (
        <Typography.Text type="secondary">
          {t('audit.chain.checkpointAt', { seq: checkpoint.seq, at: formatDateTime(checkpoint.at, locale, timeZone) })}
        </Typography.Text>
      )}
      <Typography.Text type="secondary">{checkpoint.message}</Typography.Text>
    </Flex>
  );
}

/** One service's chain, verified when the card opens and again on demand (it reads the whole log). */
export function AuditChainCard({ service }: { service: AuditService }): ReactNode {
  const { t } = useTranslation();
  const [{ data, error, fetching }, verify] = useQuery({
    query: AuditChainStatusQuery,
    variables: serviceSwitches(service),
    requestPolicy: 'network-only',
  });
  const chain = data?.customerAuditChainStatus ?? data?.salesAuditChainStatus ?? data?.ticketAuditChainStatus;
  return (
    <Card
      title={t(`audit.service.${service}`)}
      extra={
        <Button size="small" loading={fetching} onClick={() => verify({ requestPolicy: 'network-only' })}>
          {t('audit.chain.verify')}
        </Button>
      }
    >
      {error ? (
        <QueryError error={error} retry={() => verify({ requestPolicy: 'network-only' })} />
      ) : !chain ? (
        <PageSkeleton rows={4} />
      ) : (
        <ChainReport chain={chain} />
      )}
    </Card>
  );
}
