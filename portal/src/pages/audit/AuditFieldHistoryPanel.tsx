import { AutoComplete, Button, Empty, Flex, Form, Input, Pagination, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format/format';
import type { AuditFieldHistoryPageFragment } from '../../graphql/gen/graphql';
import { AUDIT_SERVICES, AuditFieldHistoryQuery, serviceSwitches, type AuditService } from './audit-queries';
import { auditValueText } from './audit-values';
import { ENTITY_TYPES } from './entity-types';

type FieldChangeRow = AuditFieldHistoryPageFragment['edges'][number]['node'];

export interface FieldHistoryFilters {
  service: AuditService;
  entityType?: string;
  entityId?: string;
  field?: string;
}

/** The changes of one record's fields (all, or one field), newest first. */
export function AuditFieldHistoryPanel({ initial }: { initial: FieldHistoryFilters }): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const [form] = Form.useForm<FieldHistoryFilters>();
  const service = Form.useWatch('service', form) ?? initial.service;
  const [filters, setFilters] = useState<FieldHistoryFilters>(initial);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState(1);
  const entityType = filters.entityType?.trim() ?? '';
  const entityId = filters.entityId?.trim() ?? '';
  const [{ data, error, fetching }, reload] = useQuery({
    query: AuditFieldHistoryQuery,
    variables: {
      ...serviceSwitches(filters.service),
      entityType,
      entityId,
      field: filters.field?.trim() || undefined,
      after: cursors[page - 1],
    },
    pause: !entityType || !entityId,
  });
  const connection = data?.customerFieldHistory ?? data?.salesFieldHistory ?? data?.ticketFieldHistory;

  const columns = useMemo<ColumnsType<FieldChangeRow>>(
    () => [
      { title: t('audit.columns.seq'), dataIndex: 'seq', width: 80 },
      {
        title: t('audit.columns.at'),
        dataIndex: 'occurredAt',
        width: 190,
        render: (_: unknown, row) => formatDateTime(row.occurredAt, locale, timeZone),
      },
      { title: t('audit.columns.field'), dataIndex: 'field', width: 160 },
      {
        title: t('audit.columns.before'),
        dataIndex: 'before',
        render: (_: unknown, row) => auditValueText(row.before, t('audit.unset')),
      },
      {
        title: t('audit.columns.after'),
        dataIndex: 'after',
        render: (_: unknown, row) => auditValueText(row.after, t('audit.unset')),
      },
      {
        title: t('audit.columns.actor'),
        dataIndex: 'actorId',
        width: 220,
        render: (_: unknown, row) => (
          <Typography.Text style={{ wordBreak: 'break-all' }}>{row.actorId}</Typography.Text>
        ),
      },
      { title: t('audit.columns.action'), dataIndex: 'action', width: 180 },
    ],
    [t, locale, timeZone],
  );

  const apply = (values: FieldHistoryFilters): void => {
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
      <Form<FieldHistoryFilters> form={form} layout="vertical" initialValues={initial} onFinish={apply}>
        <Flex wrap gap="small" align="end">
          <Form.Item name="service" label={t('audit.serviceLabel')} style={{ minWidth: 170, marginBottom: 8 }}>
            <Select options={AUDIT_SERVICES.map((s) => ({ value: s, label: t(`audit.service.${s}`) }))} />
          </Form.Item>
          <Form.Item
            name="entityType"
            label={t('audit.filters.entityType')}
            rules={[{ required: true, whitespace: true, message: t('audit.filters.required') }]}
            style={{ minWidth: 160, marginBottom: 8 }}
          >
            <AutoComplete
              placeholder={t('audit.filters.entityTypePlaceholder')}
              options={ENTITY_TYPES[service].map((value) => ({ value }))}
            />
          </Form.Item>
          <Form.Item
            name="entityId"
            label={t('audit.filters.entityId')}
            rules={[{ required: true, whitespace: true, message: t('audit.filters.required') }]}
            style={{ minWidth: 260, marginBottom: 8 }}
          >
            <Input allowClear />
          </Form.Item>
          <Form.Item name="field" label={t('audit.filters.field')} style={{ minWidth: 160, marginBottom: 8 }}>
            <Input allowClear placeholder={t('audit.filters.fieldPlaceholder')} />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit">
              {t('audit.filters.apply')}
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      {!entityType || !entityId ? (
        <Empty description={t('audit.filters.required')} />
      ) : error ? (
        <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />
      ) : (
        <>
          {/* Its own scroll box, focusable: the rows hold nothing a keyboard could reach it through. */}
          <div role="region" aria-label={t('audit.tabs.fieldHistory')} tabIndex={0} style={{ overflowX: 'auto' }}>
            <Table<FieldChangeRow>
              rowKey={(row) => `${row.seq}:${row.field}`}
              size="small"
              columns={columns}
              dataSource={connection?.edges.map((e) => e.node) ?? []}
              loading={fetching}
              pagination={false}
              style={{ minWidth: 1100 }}
              locale={{ emptyText: <Empty description={t('audit.noHistory')} /> }}
            />
          </div>
          <Flex justify="end" style={{ marginTop: 12 }}>
            <Pagination simple current={page} pageSize={1} total={knownPages} onChange={goTo} />
          </Flex>
        </>
      )}
    </>
  );
}
