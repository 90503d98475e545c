import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { describeError } from '../../graphql/errors';
import type { DisqualifyReason } from '../../graphql/gen/graphql';
import { AssignLeadMutation, CreateLeadMutation, DisqualifyLeadMutation } from './leads-queries';

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
    <Modal
      open
      title={t('leads.captureTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={fetching}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" name="capture-lead" onFinish={(v) => void submit(v)}>
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
          rules={[{ type: 'email', message: t('leads.emailRule') }]}
        >
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('leads.field.phone')} extra={t('leads.phoneHint')}>
          <Input type="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="region" label={t('leads.field.region')}>
          <Input maxLength={100} />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
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
  const [form] = Form.useForm<{ reason: DisqualifyReason; note?: string }>();
  const [{ fetching }, disqualify] = useMutation(DisqualifyLeadMutation);
  const [failure, setFailure] = useState<string | null>(null);
  const reason = Form.useWatch('reason', form);
  return (
    <Modal
      open
      title={t('leads.disqualifyTitle')}
      okText={t('leads.disqualify')}
      cancelText={t('common.cancel')}
      confirmLoading={fetching}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        name="disqualify-lead"
        onFinish={async (values) => {
          const result = await disqualify({ id: leadId, reason: values.reason, note: blankToUndefined(values.note) });
          if (result.error) setFailure(describeError(result.error, t));
          else onSaved();
        }}
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
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}

/** A manager hands a lead to a rep (by user id until the API names users) and, optionally, one of their teams. */
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
  const [form] = Form.useForm<{ ownerId: string; teamId?: string }>();
  const [{ fetching }, assign] = useMutation(AssignLeadMutation);
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <Modal
      open
      title={t('leads.assignTitle')}
      okText={t('leads.assign')}
      cancelText={t('common.cancel')}
      confirmLoading={fetching}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        name="assign-lead"
        onFinish={async (values) => {
          const result = await assign({
            id: leadId,
            ownerId: values.ownerId.trim(),
            teamId: blankToUndefined(values.teamId),
          });
          if (result.error) setFailure(describeError(result.error, t));
          else onSaved();
        }}
      >
        <Form.Item
          name="ownerId"
          label={t('leads.newOwner')}
          rules={[{ required: true, whitespace: true, message: t('leads.required') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="teamId" label={t('leads.team')} extra={t('leads.teamHint')}>
          <Input autoComplete="off" />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
