import {
  AutoComplete,
  Button,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Pagination,
  Select,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format/format';
import type { AuditTrailPageFragment } from '../../graphql/gen/graphql';
import { AUDIT_SERVICES, AuditTrailQuery, serviceSwitches, type AuditService } from './audit-queries';
import { auditValueText } from './audit-values';
import { ENTITY_TYPES } from './entity-types';

type AuditRow = AuditTrailPageFragment['edges'][number]['node'];

// A create lists every field: the row shows the first few, its expansion all of them.
const VISIBLE_CHANGES = 4;

export interface TrailFilters {
  service: AuditService;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
}

function variablesOf(filters: TrailFilters) {
  const blank = (v?: string): string | undefined => v?.trim() || undefined;
  return {
    ...serviceSwitches(filters.service),
    entityType: blank(filters.entityType),
    entityId: blank(filters.entityId),
    actorId: blank(filters.actorId),
    action: blank(filters.action),
    from: filters.period?.[0]?.startOf('day').toISOString(),
    to: filters.period?.[1]?.endOf('day').toISOString(),
  };
}

/** The audit rows of one service matching every filter, newest first, a page of 25 at a time by cursor. */
export function AuditTrailPanel({ initial }: { initial: TrailFilters }): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const [form] = Form.useForm<TrailFilters>();
  const service = Form.useWatch('service', form) ?? initial.service;
  const [filters, setFilters] = useState<TrailFilters>(initial);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState(1);
  const [{ data, error, fetching }, reload] = useQuery({
    query: AuditTrailQuery,
    variables: { ...variablesOf(filters), after: cursors[page - 1] },
  });
  const connection = data?.customerAuditTrail ?? data?.salesAuditTrail ?? data?.ticketAuditTrail;

  const columns = useMemo<ColumnsType<AuditRow>>(
    () => [
      { title: t('audit.columns.seq'), dataIndex: 'seq', width: 80 },
      {
        title: t('audit.columns.at'),
        dataIndex: 'occurredAt',
        width: 190,
        render: (_: unknown, row) => formatDateTime(row.occurredAt, locale, timeZone),
      },
      {
        title: t('audit.columns.actor'),
        dataIndex: 'actor',
        width: 220,
        render: (_: unknown, row) => (
          <>
            <Typography.Text style={{ wordBreak: 'break-all' }}>{row.actor.id}</Typography.Text>
            <div>
              <Typography.Text type="secondary">{row.actor.roles.join(', ')}</Typography.Text>
            </div>
          </>
        ),
      },
      { title: t('audit.columns.action'), dataIndex: 'action', width: 200 },
      {
        title: t('audit.columns.record'),
        dataIndex: 'entityId',
        width: 260,
        render: (_: unknown, row) => (
          <Typography.Text style={{ wordBreak: 'break-all' }}>
            {row.entityType} · {row.entityId}
          </Typography.Text>
        ),
      },
      {
        title: t('audit.columns.changes'),
        dataIndex: 'changes',
        render: (_: unknown, row) => (
          <Flex vertical component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {row.changes.slice(0, VISIBLE_CHANGES).map((c) => (
              <li key={c.field}>
                <Typography.Text strong>{c.field}</Typography.Text>: {auditValueText(c.before, t('audit.unset'))} →{' '}
                {auditValueText(c.after, t('audit.unset'))}
              </li>
            ))}
            {row.changes.length > VISIBLE_CHANGES && (
              <li>
                <Typography.Text type="secondary">
                  {t('audit.moreChanges', { count: row.changes.length - VISIBLE_CHANGES })}
                </Typography.Text>
              </li>
            )}
          </Flex>
        ),
      },
    ],
    [t, locale, timeZone],
  );

  const apply = (values: TrailFilters): void => {
    setFilters(values);
    setCursors([null]);
    setPage(1);
  };
  const goTo = (next: number): void => {
    const end = connection?.pageInfo.endCursor;
    if (next > page && end) setCursors((c) => [...c.slice(0, page), end]);
    setPage(next);
  };
  const knownPages = connection?.pageInfo.hasNextPage ? Math.max(page + 1, cursors.length) : page;

  return (
    <>
      <Form<TrailFilters> form={form} layout="vertical" initialValues={initial} onFinish={apply}>
        <Flex wrap gap="small" align="end">
          <Form.Item name="service" label={t('audit.serviceLabel')} style={{ minWidth: 170, marginBottom: 8 }}>
            <Select options={AUDIT_SERVICES.map((s) => ({ value: s, label: t(`audit.service.${s}`) }))} />
          </Form.Item>
          <Form.Item name="entityType" label={t('audit.filters.entityType')} style={{ minWidth: 160, marginBottom: 8 }}>
            <AutoComplete
              placeholder={t('audit.filters.entityTypePlaceholder')}
              options={ENTITY_TYPES[service].map((value) => ({ value }))}
            />
          </Form.Item>
          <Form.Item name="entityId" label={t('audit.filters.entityId')} style={{ minWidth: 220, marginBottom: 8 }}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="actorId" label={t('audit.filters.actorId')} style={{ minWidth: 220, marginBottom: 8 }}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="action" label={t('audit.filters.action')} style={{ minWidth: 180, marginBottom: 8 }}>
            <Input allowClear placeholder={t('audit.filters.actionPlaceholder')} />
          </Form.Item>
          <Form.Item name="period" label={t('audit.filters.period')} style={{ marginBottom: 8 }}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Flex gap="small">
              <Button type="primary" htmlType="submit">
                {t('audit.filters.apply')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  apply(initial);
                }}
              >
                {t('audit.filters.reset')}
              </Button>
            </Flex>
          </Form.Item>
        </Flex>
      </Form>
      {error ? (
        <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />
      ) : (
        <>
          <Table<AuditRow>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={connection?.edges.map((e) => e.node) ?? []}
            loading={fetching}
            pagination={false}
            scroll={connection?.edges.length ? { x: 1300 } : undefined}
            expandable={{
              rowExpandable: (row) =>
                row.changes.length > VISIBLE_CHANGES || (row.details !== null && JSON.stringify(row.details) !== '{}'),
              expandedRowRender: (row) => (
                <>
                  {row.changes.length > VISIBLE_CHANGES && (
                    <ul style={{ margin: '0 0 8px', paddingLeft: 16 }}>
                      {row.changes.map((c) => (
                        <li key={c.field}>
                          <Typography.Text strong>{c.field}</Typography.Text>:{' '}
                          {auditValueText(c.before, t('audit.unset'))} → {auditValueText(c.after, t('audit.unset'))}
                        </li>
                      ))}
                    </ul>
                  )}
                  <Typography.Text type="secondary">{t('audit.details')}</Typography.Text>
                  <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{JSON.stringify(row.details, null, 2)}</pre>
                  {row.requestId && (
                    <Typography.Text type="secondary">
                      {t('audit.columns.request')}: {row.requestId}
                    </Typography.Text>
                  )}
                </>
              ),
            }}
            locale={{ emptyText: <Empty description={t('audit.noRows')} /> }}
          />
          <Flex justify="end" style={{ marginTop: 12 }}>
            <Pagination simple current={page} pageSize={1} total={knownPages} onChange={goTo} />
          </Flex>
        </>
      )}
    </>
  );
}
