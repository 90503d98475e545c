import { App, Button, Checkbox, Drawer, Form, Input, Select } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { usePortal } from '../../app/portal-context';
import { graphql } from '../../graphql/gen';
import type { TicketChannel, TicketPriority } from '../../graphql/gen/graphql';
import { TicketAccountPicker, type TicketAccountMatch } from './TicketAccountPicker';
import type { QueueOption } from './use-ticket-queues';
import { useErrorToast } from '../../components/use-error-toast';

const CreateTicketMutation = graphql(`
  mutation TicketsCreate($input: CreateTicketInput!) {
    createTicket(input: $input) {
      id
      number
    }
  }
`);

const channels: readonly TicketChannel[] = ['PHONE', 'EMAIL', 'WECHAT', 'WEB_FORM', 'PORTAL'];
const priorities: readonly TicketPriority[] = ['URGENT', 'HIGH', 'NORMAL', 'LOW'];

interface CreateTicketForm {
  accountId: string;
  contactId?: string;
  subject: string;
  description?: string;
  channel: TicketChannel;
  category: string;
  priority: TicketPriority;
  complaint: boolean;
  teamId?: string;
  requesterEmail?: string;
}

/** Opens a ticket for a customer: the account (and contact) by lookup, the queue one of the caller's teams. */
export function CreateTicketDrawer({
  open,
  queues,
  onClose,
}: {
  open: boolean;
  /** The caller's queues by name (the first is the default). */
  queues: readonly QueueOption[];
  onClose(): void;
}): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateTicketForm>();
  const [{ fetching }, create] = useMutation(CreateTicketMutation);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [account, setAccount] = useState<TicketAccountMatch | null>(null);

  const submit = async (values: CreateTicketForm): Promise<void> => {
    const result = await create({
      input: {
        ...values,
        description: values.description || undefined,
        contactId: values.contactId || undefined,
        requesterEmail: values.requesterEmail || undefined,
        teamId: values.teamId || undefined,
        idempotencyKey,
      },
    });
    if (result.error) {
      showError(result.error);
      return;
    }
    if (result.data) {
      void message.success(t('tickets.created', { number: result.data.createTicket.number }));
      form.resetFields();
      onClose();
      void navigate(`/tickets/${result.data.createTicket.id}`);
    }
  };

  return (
    <Drawer title={t('tickets.createTitle')} open={open} onClose={onClose} size="large" destroyOnHidden>
      <Form<CreateTicketForm>
        form={form}
        layout="vertical"
        initialValues={{
          channel: 'PHONE',
          priority: 'NORMAL',
          complaint: false,
          teamId: user.teams?.[0] ?? queues[0]?.value,
        }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="accountId"
          label={t('tickets.form.account')}
          rules={[{ required: true, message: t('tickets.form.accountRequired') }]}
        >
          <TicketAccountPicker
            onPick={(match) => {
              setAccount(match);
              form.setFieldValue('contactId', undefined);
            }}
          />
        </Form.Item>
        <Form.Item name="contactId" label={t('tickets.form.contact')}>
          <Select
            allowClear
            disabled={!account}
            placeholder={account ? t('tickets.form.contactPlaceholder') : t('tickets.form.contactNeedsAccount')}
            notFoundContent={t('tickets.form.noContact')}
            options={(account?.contacts ?? []).map((c) => ({
              value: c.id,
              label: c.maskedPhone ? `${c.name} · ${c.maskedPhone}` : c.name,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="subject"
          label={t('tickets.form.subject')}
          rules={[{ required: true, whitespace: true, message: t('tickets.form.subjectRequired') }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="description" label={t('tickets.form.description')}>
          <Input.TextArea rows={4} maxLength={20000} />
        </Form.Item>
        <Form.Item name="channel" label={t('tickets.form.channel')}>
          <Select options={channels.map((c) => ({ value: c, label: t(`tickets.channel.${c}`) }))} />
        </Form.Item>
        <Form.Item
          name="category"
          label={t('tickets.form.category')}
          rules={[{ required: true, whitespace: true, message: t('tickets.form.categoryRequired') }]}
        >
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="priority" label={t('tickets.form.priority')}>
          <Select options={priorities.map((p) => ({ value: p, label: t(`tickets.priority.${p}`) }))} />
        </Form.Item>
        {queues.length > 1 && (
          <Form.Item name="teamId" label={t('tickets.form.team')}>
            <Select options={[...queues]} />
          </Form.Item>
        )}
        <Form.Item name="requesterEmail" label={t('tickets.form.requesterEmail')} rules={[{ type: 'email' }]}>
          <Input type="email" />
        </Form.Item>
        <Form.Item name="complaint" valuePropName="checked">
          <Checkbox>{t('tickets.form.complaint')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>
          {t('tickets.form.submit')}
        </Button>
      </Form>
    </Drawer>
  );
}
