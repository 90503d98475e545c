import { Form, Input, Select } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { emailAddressRule, phoneNumberRule } from '../../components/ContactPointFields';
import { useAllTeams } from '../../components/use-all-teams';
import { hasRole } from '../../auth/session';
import { describeError } from '../../graphql/errors';
import type { DisqualifyReason } from '../../graphql/gen/graphql';
import { LeadFormDialog } from './LeadFormDialog';
import { AssignLeadMutation, CreateLeadMutation, DisqualifyLeadMutation, LeadAssigneesQuery } from './leads-queries';

const REASONS: DisqualifyReason[] = [
  'NO_BUDGET',
  'NO_NEED',
  'NO_AUTHORITY',
  'BAD_TIMING',
  'COMPETITOR_CHOSEN',
  'UNREACHABLE',
  'DUPLICATE',
  'SPAM',
  'OTHER',
];

interface DisqualifyValues {
  reason: DisqualifyReason;
  note?: string;
}

interface AssignValues {
  ownerId: string;
  teamId?: string;
}

interface CaptureValues {
  companyName?: string;
  personName?: string;
  title?: string;
  email?: string;
  phone?: string;
  region?: string;
}

const blankToUndefined = (value: string | undefined): string | undefined => value?.trim() || undefined;

/** Captures a lead by hand; the assignment rules pick its owner. */
export function LeadCaptureModal({ onClose, onSaved }: { onClose(): void; onSaved(): void }): ReactNode {
  const { t } = useTranslation();
  const [form] = Form.useForm<CaptureValues>();
  const [{ fetching }, create] = useMutation(CreateLeadMutation);
  const [failure, setFailure] = useState<string | null>(null);
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  async function submit(values: CaptureValues): Promise<void> {
    const input = Object.fromEntries(
      Object.entries(values).map(([key, value]) => [key, blankToUndefined(value as string | undefined)]),
    );
    const result = await create({ input: { ...input, idempotencyKey } });
    if (result.error) setFailure(describeError(result.error, t));
    else onSaved();
  }

  return (
    <LeadFormDialog<CaptureValues>
      title={t('leads.captureTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      saving={fetching}
      form={form}
      name="capture-lead"
      failure={failure}
      onFinish={(v) => void submit(v)}
      onClose={onClose}
    >
      <Form.Item
        name="companyName"
        label={t('leads.field.companyName')}
        dependencies={['personName']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              value?.trim() || (getFieldValue('personName') as string | undefined)?.trim()
                ? Promise.resolve()
                : Promise.reject(new Error(t('leads.nameRule'))),
          }),
        ]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="personName" label={t('leads.field.personName')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="title" label={t('leads.field.title')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="email"
        label={t('leads.field.email')}
        validateTrigger="onBlur"
        rules={[emailAddressRule(t, t('leads.field.email'))]}
      >
        <Input type="email" autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('leads.field.phone')}
        extra={t('leads.phoneHint')}
        validateTrigger="onBlur"
        rules={[phoneNumberRule(t, t('leads.field.phone'))]}
      >
        <Input type="tel" autoComplete="off" />
      </Form.Item>
      <Form.Item name="region" label={t('leads.field.region')}>
        <Input maxLength={100} />
      </Form.Item>
    </LeadFormDialog>
  );
}

/** Disqualifies a lead with a reason from the list (OTHER needs a note). */
export function LeadDisqualifyModal({
  leadId,
  onClose,
  onSaved,
}: {
  leadId: string;
  onClose(): void;
  onSaved(): void;
}): ReactNode {
  const { t } = useTranslation();
  const [form] = Form.useForm<DisqualifyValues>();
  const [{ fetching }, disqualify] = useMutation(DisqualifyLeadMutation);
  const [failure, setFailure] = useState<string | null>(null);
  const reason = Form.useWatch('reason', form);
  return (
    <LeadFormDialog<DisqualifyValues>
      title={t('leads.disqualifyTitle')}
      okText={t('leads.disqualify')}
      cancelText={t('common.cancel')}
      saving={fetching}
      form={form}
      name="disqualify-lead"
      failure={failure}
      onFinish={(values) =>
        void disqualify({ id: leadId, reason: values.reason, note: blankToUndefined(values.note) }).then((result) =>
          result.error ? setFailure(describeError(result.error, t)) : onSaved(),
        )
      }
      onClose={onClose}
    >
      <Form.Item name="reason" label={t('leads.reason')} rules={[{ required: true, message: t('leads.required') }]}>
        <Select options={REASONS.map((r) => ({ value: r, label: t(`leads.reasons.${r}`) }))} />
      </Form.Item>
      <Form.Item
        name="note"
        label={t('leads.note')}
        rules={[{ required: reason === 'OTHER', whitespace: true, message: t('leads.noteRule') }]}
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </LeadFormDialog>
  );
}

/** A manager hands a lead to a sales rep picked by name and, when the rep is in several teams, one of their teams. */
export function LeadAssignModal({
  leadId,
  onClose,
  onSaved,
}: {
  leadId: string;
  onClose(): void;
  onSaved(): void;
}): ReactNode {
  const { t } = useTranslation();
  const [form] = Form.useForm<AssignValues>();
  const [search, setSearch] = useState('');
  const [{ data, fetching: loading, error }] = useQuery({
    query: LeadAssigneesQuery,
    variables: { search: search || undefined },
  });
  const { rows: teams } = useAllTeams();
  const [{ fetching }, assign] = useMutation(AssignLeadMutation);
  const [failure, setFailure] = useState<string | null>(null);
  const ownerId = Form.useWatch('ownerId', form);
  const { user } = usePortal();
  // A manager assigns only into teams they manage (the service refuses the rest); crm-admin into any.
  const reachable = (teamIds: readonly string[]): boolean =>
    hasRole(user, 'crm-admin') || teamIds.some((id) => user.teams?.includes(id));
  const reps = (data?.users.edges ?? []).map((e) => e.node).filter((u) => u.active && reachable(u.teamIds));
  const teamName = new Map(teams.map((team) => [team.id, team.name]));
  const ownerTeams = reps.find((u) => u.id === ownerId)?.teamIds ?? [];
  return (
    <LeadFormDialog<AssignValues>
      title={t('leads.assignTitle')}
      okText={t('leads.assign')}
      cancelText={t('common.cancel')}
      saving={fetching}
      form={form}
      name="assign-lead"
      failure={failure ?? (error ? describeError(error, t) : null)}
      onFinish={(values) =>
        void assign({ id: leadId, ownerId: values.ownerId, teamId: values.teamId }).then((result) =>
          result.error ? setFailure(describeError(result.error, t)) : onSaved(),
        )
      }
      onClose={onClose}
    >
      <Form.Item name="ownerId" label={t('leads.newOwner')} rules={[{ required: true, message: t('leads.required') }]}>
        <Select
          showSearch={{ filterOption: false, onSearch: setSearch }}
          loading={loading}
          onChange={() => form.setFieldValue('teamId', undefined)}
          options={reps.map((u) => ({
            value: u.id,
            label: `${u.displayName} (${u.teamIds.map((id) => teamName.get(id) ?? id).join(', ')})`,
          }))}
          notFoundContent={t('leads.noReps')}
        />
      </Form.Item>
      {ownerTeams.length > 1 && (
        <Form.Item name="teamId" label={t('leads.team')} extra={t('leads.teamHint')}>
          <Select allowClear options={ownerTeams.map((id) => ({ value: id, label: teamName.get(id) ?? id }))} />
        </Form.Item>
      )}
    </LeadFormDialog>
  );
}
