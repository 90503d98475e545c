import { Button, Card, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { useCursorPages } from '../../components/CursorPager';
import { PageSkeleton } from '../../components/PageSkeleton';
import { PagedListFooter } from '../../components/PagedListFooter';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format/format';
import type { AdminSlaPolicyFragment, AdminSlaTargetsFragment } from '../../graphql/gen/graphql';
import { BusinessCalendarsSection } from './BusinessCalendarsSection';
import { GRADES, PRIORITIES, SlaPolicyEditor } from './SlaPolicyEditor';
import { AdminSetDefaultSlaPolicyMutation, AdminSlaPoliciesQuery } from './sla-queries';

type Policy = AdminSlaPolicyFragment;

/** Policy cards per page: each holds a table of targets. */
const POLICY_PAGE_SIZE = 20;

/** Business minutes as people read them: "4 h", "1 h 30 min", "45 min". */
function useDuration(): (minutes: number) => string {
  const { t } = useTranslation();
  return (minutes) => {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    if (hours && rest) return t('admin.sla.hoursMinutes', { hours, minutes: rest });
    return hours ? t('admin.sla.hours', { hours }) : t('admin.sla.minutes', { minutes: rest });
  };
}

function PolicyTargets({ policy }: { policy: Policy }): ReactNode {
  const { t } = useTranslation();
  const duration = useDuration();
  const line = (targets: AdminSlaTargetsFragment) =>
    t('admin.sla.targetLine', {
      first: duration(targets.firstResponse),
      next: duration(targets.nextResponse),
      resolution: duration(targets.resolution),
    });
  return (
    <Table
      size="small"
      pagination={false}
      scroll={{ x: 720 }}
      rowKey="priority"
      dataSource={PRIORITIES.map((priority) => ({ priority }))}
      columns={[
        {
          title: t('admin.sla.priority'),
          dataIndex: 'priority',
          key: 'priority',
          render: (p: (typeof PRIORITIES)[number]) => t(`admin.sla.priorities.${p}`),
        },
        ...GRADES.map((grade) => ({
          title: t(`admin.sla.grades.${grade}`),
          key: grade,
          render: (_: unknown, row: { priority: (typeof PRIORITIES)[number] }) =>
            line(policy.targets[row.priority][grade]),
        })),
        {
          title: t('admin.sla.complaint'),
          key: 'complaint',
          render: (_: unknown, row: { priority: (typeof PRIORITIES)[number] }) =>
            line(policy.complaintOverride[row.priority]),
        },
      ]}
    />
  );
}

/** SLA policies (targets per priority and grade, the default first), a page at a time. */
function SlaPoliciesSection(): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const pages = useCursorPages();
  const [{ data, error, fetching }, reload] = useQuery({
    query: AdminSlaPoliciesQuery,
    variables: { first: POLICY_PAGE_SIZE, after: pages.after },
  });
  const [defaulted, setDefault] = useMutation(AdminSetDefaultSlaPolicyMutation);
  const [editingPolicy, setEditingPolicy] = useState<Policy | 'new' | null>(null);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  // A new default moves to the top of the list: show the first page again.
  const restart = () => (pages.page === 1 ? refresh() : pages.reset());

  if (error) return <QueryError error={error} retry={refresh} />;
  if (fetching && !data) return <PageSkeleton rows={8} />;
  const connection = data?.slaPolicies;

  return (
    <section aria-labelledby="admin-sla-policies">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} id="admin-sla-policies">
          {t('admin.sla.title')}
        </Typography.Title>
        <Button onClick={() => setEditingPolicy('new')}>{t('admin.sla.create')}</Button>
      </Flex>
      {defaulted.error && <QueryError error={defaulted.error} />}
      <Flex vertical gap={16}>
        {(connection?.edges ?? []).map(({ node: policy }) => (
          <Card
            key={policy.id}
            size="small"
            title={
              <Space wrap>
                {policy.name}
                {policy.isDefault && <Tag color="blue">{t('admin.sla.default')}</Tag>}
              </Space>
            }
            extra={
              <Space wrap>
                <Button onClick={() => setEditingPolicy(policy)}>{t('admin.edit')}</Button>
                {!policy.isDefault && (
                  <Popconfirm
                    title={t('admin.sla.makeDefaultConfirm', { name: policy.name })}
                    okText={t('admin.sla.makeDefault')}
                    cancelText={t('common.cancel')}
                    onConfirm={async () => {
                      const result = await setDefault({ id: policy.id, expectedVersion: policy.version });
                      if (!result.error) restart();
                    }}
                  >
                    <Button>{t('admin.sla.makeDefault')}</Button>
                  </Popconfirm>
                )}
              </Space>
            }
          >
            <Typography.Paragraph type="secondary">
              {t('admin.sla.policyLine', {
                calendar: policy.calendar.name,
                by: policy.updatedBy,
                at: formatDateTime(policy.updatedAt, locale, timeZone),
              })}
            </Typography.Paragraph>
            <PolicyTargets policy={policy} />
          </Card>
        ))}
      </Flex>
      <PagedListFooter connection={connection} pages={pages} />
      {editingPolicy && (
        <SlaPolicyEditor
          policy={editingPolicy === 'new' ? null : editingPolicy}
          onClose={(saved) => {
            setEditingPolicy(null);
            if (saved) refresh();
          }}
        />
      )}
    </section>
  );
}

/** SLA policies and the business calendars they count time in, each list paged on its own. */
export function SlaTab(): ReactNode {
  return (
    <Flex vertical gap={24}>
      <SlaPoliciesSection />
      <BusinessCalendarsSection />
    </Flex>
  );
}
