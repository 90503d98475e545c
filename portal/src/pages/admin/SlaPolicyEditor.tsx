import { Alert, Col, Form, Input, InputNumber, Row, Select, Table, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { QueryError } from '../../components/QueryError';
import { useAllPages } from '../../components/use-all-pages';
import type { AdminSlaPolicyFragment, AdminSlaTargetsFragment } from '../../graphql/gen/graphql';
import { AdminDefineSlaPolicyMutation, AdminUpdateSlaPolicyMutation } from './sla-policy-queries';
import { AdminCalendarOptionsQuery } from './sla-queries';
import { EditorModal } from './EditorModal';

type Policy = AdminSlaPolicyFragment;
const noVariables = {};
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const GRADES = ['A', 'B', 'C', 'none'] as const;
const TARGETS = ['firstResponse', 'nextResponse', 'resolution'] as const;
// Literal keys, so the type checker verifies each against the messages.
const TARGET_LABEL_KEYS = {
  firstResponse: 'admin.sla.targets.firstResponse',
  nextResponse: 'admin.sla.targets.nextResponse',
  resolution: 'admin.sla.targets.resolution',
} as const;
type Priority = (typeof PRIORITIES)[number];
type Grade = (typeof GRADES)[number];
type Targets = Omit<AdminSlaTargetsFragment, '__typename'>;

interface PolicyValues {
  name: string;
  calendarId: string;
  targets: Record<Priority, Record<Grade, Targets>>;
  complaintOverride: Record<Priority, Targets>;
}

const plain = ({ firstResponse, nextResponse, resolution }: Targets): Targets => ({
  firstResponse,
  nextResponse,
  resolution,
});

/** A new policy starts from these business minutes (urgent 1 h / 4 h ... low 8 h / 80 h), tightened for complaints. */
function defaults(): Pick<PolicyValues, 'targets' | 'complaintOverride'> {
  const base: Record<Priority, Targets> = {
    urgent: { firstResponse: 60, nextResponse: 120, resolution: 480 },
    high: { firstResponse: 120, nextResponse: 240, resolution: 960 },
    normal: { firstResponse: 240, nextResponse: 480, resolution: 1920 },
    low: { firstResponse: 480, nextResponse: 960, resolution: 4800 },
  };
  const half = (t: Targets): Targets => ({
    firstResponse: Math.ceil(t.firstResponse / 2),
    nextResponse: Math.ceil(t.nextResponse / 2),
    resolution: Math.ceil(t.resolution / 2),
  });
  return {
    targets: Object.fromEntries(
      PRIORITIES.map((p) => [p, Object.fromEntries(GRADES.map((g) => [g, { ...base[p] }]))]),
    ) as PolicyValues['targets'],
    complaintOverride: Object.fromEntries(
      PRIORITIES.map((p) => [p, half(base[p])]),
    ) as PolicyValues['complaintOverride'],
  };
}

/** Defines an SLA policy or edits one: its calendar and business-minute targets per priority and customer grade. */
export function SlaPolicyEditor({
  policy,
  onClose,
}: {
  policy: Policy | null;
  onClose(saved: boolean): void;
}): ReactNode {
  const { t } = useTranslation();
  const [form] = Form.useForm<PolicyValues>();
  // Every calendar is offered, however many pages the API returns them in.
  const calendars = useAllPages(AdminCalendarOptionsQuery, noVariables, (data) => data.businessCalendars);
  const firstCalendarId = calendars.rows[0]?.id;
  useEffect(() => {
    // A new policy starts in the first calendar once the calendars have arrived.
    if (!policy && firstCalendarId && !form.getFieldValue('calendarId'))
      form.setFieldValue('calendarId', firstCalendarId);
  }, [policy, firstCalendarId, form]);
  const [defined, define] = useMutation(AdminDefineSlaPolicyMutation);
  const [updated, update] = useMutation(AdminUpdateSlaPolicyMutation);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [invalid, setInvalid] = useState(false);
  const error = defined.error ?? updated.error;
  const initial: PolicyValues = policy
    ? {
        name: policy.name,
        calendarId: policy.calendar.id,
        targets: Object.fromEntries(
          PRIORITIES.map((p) => [p, Object.fromEntries(GRADES.map((g) => [g, plain(policy.targets[p][g])]))]),
        ) as PolicyValues['targets'],
        complaintOverride: Object.fromEntries(
          PRIORITIES.map((p) => [p, plain(policy.complaintOverride[p])]),
        ) as PolicyValues['complaintOverride'],
      }
    : { name: '', calendarId: firstCalendarId ?? '', ...defaults() };

  async function save() {
    const values = form.getFieldsValue(true) as PolicyValues;
    const input = {
      name: values.name.trim(),
      calendarId: values.calendarId,
      targets: values.targets,
      complaintOverride: values.complaintOverride,
    };
    const result = policy
      ? await update({ id: policy.id, expectedVersion: policy.version, input })
      : await define({ input: { ...input, idempotencyKey } });
    if (!result.error) onClose(true);
  }

  const minutes = (name: (string | number)[], label: string) => (
    <Form.Item name={name} noStyle rules={[{ required: true, type: 'integer', min: 1 }]}>
      <InputNumber aria-label={label} min={1} max={525600} precision={0} style={{ width: 84 }} />
    </Form.Item>
  );
  const cell = (base: (string | number)[], what: string) => (
    <Typography.Text>
      {TARGETS.map((target) => (
        <div key={target} style={{ marginBottom: 4 }}>
          {minutes([...base, target], `${what} · ${t(`admin.sla.targets.${target}`)}`)}
        </div>
      ))}
    </Typography.Text>
  );

  return (
    <EditorModal
      width={1040}
      title={policy ? t('admin.sla.editTitle', { name: policy.name }) : t('admin.sla.create')}
      saving={defined.fetching || updated.fetching}
      error={error}
      onSave={() => form.submit()}
      onCancel={() => onClose(false)}
    >
      {calendars.error && <QueryError error={calendars.error} retry={calendars.refresh} />}
      {invalid && <Alert style={{ marginBottom: 16 }} type="error" showIcon title={t('admin.sla.minutesRule')} />}
      <Form<PolicyValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={() => {
          setInvalid(false);
          void save();
        }}
        // The target inputs show no message of their own (48 of them in a grid): one sentence says what is wrong.
        onFinishFailed={({ errorFields }) => setInvalid(errorFields.some((f) => f.name[0] !== 'name'))}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('admin.sla.name')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="calendarId" label={t('admin.sla.calendar')} rules={[{ required: true }]}>
              <Select
                loading={calendars.loading}
                options={calendars.rows.map((c) => ({ value: c.id, label: `${c.name} · ${c.timeZone}` }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary">{t('admin.sla.minutesHint')}</Typography.Paragraph>
        <Table
          size="small"
          pagination={false}
          scroll={{ x: 900 }}
          rowKey="priority"
          dataSource={PRIORITIES.map((priority) => ({ priority }))}
          columns={[
            {
              title: t('admin.sla.priority'),
              dataIndex: 'priority',
              key: 'priority',
              render: (p: Priority) => t(`admin.sla.priorities.${p}`),
            },
            { title: '', key: 'labels', render: () => <TargetLabels /> },
            ...GRADES.map((grade) => ({
              title: t(`admin.sla.grades.${grade}`),
              key: grade,
              render: (_: unknown, row: { priority: Priority }) =>
                cell(
                  ['targets', row.priority, grade],
                  `${t(`admin.sla.priorities.${row.priority}`)} · ${t(`admin.sla.grades.${grade}`)}`,
                ),
            })),
            {
              title: t('admin.sla.complaint'),
              key: 'complaint',
              render: (_: unknown, row: { priority: Priority }) =>
                cell(
                  ['complaintOverride', row.priority],
                  `${t(`admin.sla.priorities.${row.priority}`)} · ${t('admin.sla.complaint')}`,
                ),
            },
          ]}
        />
      </Form>
    </EditorModal>
  );
}

function TargetLabels(): ReactNode {
  const { t } = useTranslation();
  return TARGETS.map((target) => (
    <div key={target} style={{ lineHeight: '32px', marginBottom: 4, whiteSpace: 'nowrap' }}>
      {t(TARGET_LABEL_KEYS[target])}
    </div>
  ));
}
