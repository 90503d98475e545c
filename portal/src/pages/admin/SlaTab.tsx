import { Button, Card, Descriptions, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { formatDate, formatDateTime } from '../../format/format';
import type { AdminSlaQuery as AdminSlaData, AdminSlaTargetsFragment } from '../../graphql/gen/graphql';
import { CalendarEditor, WEEKDAYS } from './CalendarEditor';
import { GRADES, PRIORITIES, SlaPolicyEditor } from './SlaPolicyEditor';
import { AdminSetDefaultSlaPolicyMutation, AdminSlaQuery } from './sla-queries';

type Policy = AdminSlaData['slaPolicies'][number];
export type Calendar = AdminSlaData['businessCalendars'][number];

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

/** SLA policies (targets per priority and grade, the default) and the business calendars they count time in. */
export function SlaTab(): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const [{ data, error, fetching }, reload] = useQuery({ query: AdminSlaQuery });
  const [defaulted, setDefault] = useMutation(AdminSetDefaultSlaPolicyMutation);
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  const [editingPolicy, setEditingPolicy] = useState<Policy | 'new' | null>(null);
  const refresh = () => reload({ requestPolicy: 'network-only' });

  if (error) return <QueryError error={error} retry={refresh} />;
  if (fetching && !data) return <PageSkeleton rows={8} />;

  const hoursText = (calendar: Calendar, day: (typeof WEEKDAYS)[number]) => {
    const ranges = calendar.weeklyHours[day];
    return ranges.length ? ranges.map((r) => `${r.start}–${r.end}`).join(', ') : t('admin.calendars.closed');
  };

  return (
    <Flex vertical gap={24}>
      <section aria-labelledby="admin-sla-policies">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={3} id="admin-sla-policies">
            {t('admin.sla.title')}
          </Typography.Title>
          <Button onClick={() => setEditingPolicy('new')}>{t('admin.sla.create')}</Button>
        </Flex>
        {defaulted.error && <QueryError error={defaulted.error} />}
        <Flex vertical gap={16}>
          {(data?.slaPolicies ?? []).map((policy) => (
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
                        if (!result.error) refresh();
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
      </section>
      <section aria-labelledby="admin-calendars">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={3} id="admin-calendars">
            {t('admin.calendars.title')}
          </Typography.Title>
          <Button onClick={() => setEditing('new')}>{t('admin.calendars.create')}</Button>
        </Flex>
        <Flex vertical gap={16}>
          {(data?.businessCalendars ?? []).map((calendar) => (
            <Card
              key={calendar.id}
              size="small"
              title={`${calendar.name} · ${calendar.timeZone}`}
              extra={<Button onClick={() => setEditing(calendar)}>{t('admin.edit')}</Button>}
            >
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  ...WEEKDAYS.map((day) => ({
                    key: day,
                    label: t(`admin.calendars.weekdays.${day}`),
                    children: hoursText(calendar, day),
                  })),
                  {
                    key: 'holidays',
                    label: t('admin.calendars.holidays'),
                    span: 'filled' as const,
                    children: calendar.holidays.length
                      ? calendar.holidays.map((d) => <Tag key={d}>{formatDate(d, locale)}</Tag>)
                      : t('common.none'),
                  },
                  {
                    key: 'makeUp',
                    label: t('admin.calendars.makeUpDays'),
                    span: 'filled' as const,
                    children: calendar.makeUpDays.length
                      ? calendar.makeUpDays.map((d) => (
                          <Tag key={d.date}>
                            {formatDate(d.date, locale)} {d.hours.map((h) => `${h.start}–${h.end}`).join(', ')}
                          </Tag>
                        ))
                      : t('common.none'),
                  },
                ]}
              />
            </Card>
          ))}
        </Flex>
      </section>
      {editingPolicy && (
        <SlaPolicyEditor
          policy={editingPolicy === 'new' ? null : editingPolicy}
          calendars={data?.businessCalendars ?? []}
          onClose={(saved) => {
            setEditingPolicy(null);
            if (saved) refresh();
          }}
        />
      )}
      {editing && (
        <CalendarEditor
          calendar={editing === 'new' ? null : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) refresh();
          }}
        />
      )}
    </Flex>
  );
}
