import { Col, Row, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { AUDIT_SERVICES, type AuditService } from './audit-queries';
import { AuditChainCard } from './AuditChainCard';
import { AuditFieldHistoryPanel } from './AuditFieldHistoryPanel';
import { AuditTrailPanel } from './AuditTrailPanel';

function serviceParam(value: string | null): AuditService {
  return AUDIT_SERVICES.find((s) => s === value) ?? 'customer';
}

/**
 * Auditors and crm-admin: each service's hash chain, the trail of a record and its field history. Other pages link
 * here with ?tab=trail|fieldHistory&service=…&entityType=…&entityId=… (the services refuse anyone else).
 */
export function AuditPage(): ReactNode {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const record = {
    service: serviceParam(params.get('service')),
    entityType: params.get('entityType') ?? undefined,
    entityId: params.get('entityId') ?? undefined,
  };
  const tab = params.get('tab') ?? 'chain';
  return (
    <>
      <Typography.Title level={2}>{t('audit.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('audit.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) =>
          setParams((p) => {
            p.set('tab', key);
            return p;
          })
        }
        items={[
          {
            key: 'chain',
            label: t('audit.tabs.chain'),
            children: (
              <Row gutter={[16, 16]}>
                {AUDIT_SERVICES.map((service) => (
                  <Col key={service} xs={24} lg={8}>
                    <AuditChainCard service={service} />
                  </Col>
                ))}
              </Row>
            ),
          },
          { key: 'trail', label: t('audit.tabs.trail'), children: <AuditTrailPanel initial={record} /> },
          {
            key: 'fieldHistory',
            label: t('audit.tabs.fieldHistory'),
            children: <AuditFieldHistoryPanel initial={record} />,
          },
        ]}
      />
    </>
  );
}
