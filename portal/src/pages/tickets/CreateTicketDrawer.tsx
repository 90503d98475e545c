import { App, Button, Checkbox, Drawer, Form, Input, Select, Spin } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { QueryError } from '../../components/QueryError';
import { describeError } from '../../graphql/errors';
import { graphql } from '../../graphql/gen';
import type { TicketChannel, TicketPriority } from '../../graphql/gen/graphql';

const AccountPickerQuery = graphql(`
  query TicketsAccountPicker($search: String!) {
    accounts(search: $search, first: 10) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

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
  subject: string;
  description?: string;
  channel: TicketChannel;
  category: string;
  priority: TicketPriority;
  complaint: boolean;
  teamId?: string;
  requesterEmail?: string;
}

/** Searches the accounts the caller may read as they type (at least two characters). */
function AccountPicker({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [{ data, fetching, error }] = useQuery({
    query: AccountPickerQuery,
    variables: { search },
    pause: search.trim().length < 2,
  });
  return (
    <>
      <Select
        id={id}
        showSearch={{ filterOption: false, onSearch: setSearch }}
        value={value}
        onChange={onChange}
        placeholder={t('tickets.form.accountPlaceholder')}
        notFoundContent={
          fetching ? <Spin size="small" /> : search.trim().length >= 2 ? t('tickets.form.noAccount') : null
        }
        options={(data?.accounts.edges ?? []).map(({ node }) => ({ value: node.id, label: node.name }))}
      />
      {error && <QueryError error={error} />}
    </>
  );
}

/** Opens a ticket for a customer: the account by search, the queue one of the caller's teams. */
export function CreateTicketDrawer({ open, onClose }: { open: boolean; onClose(): void }): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateTicketForm>();
  const [{ fetching }, create] = useMutation(CreateTicketMutation);
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  const submit = async (values: CreateTicketForm): Promise<void> => {
    const result = await create({
      input: {
        ...values,
        description: values.description || undefined,
        requesterEmail: values.requesterEmail || undefined,
        teamId: values.teamId || undefined,
        idempotencyKey,
      },
    });
    if (result.error) {
      void message.error(describeError(result.error, t));
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
        initialValues={{ channel: 'PHONE', priority: 'NORMAL', complaint: false, teamId: user.teamIds[0] }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="accountId"
          label={t('tickets.form.account')}
          rules={[{ required: true, message: t('tickets.form.accountRequired') }]}
        >
          <AccountPicker />
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
        {user.teamIds.length > 1 && (
          <Form.Item name="teamId" label={t('tickets.form.team')}>
            <Select options={user.teamIds.map((id) => ({ value: id, label: id }))} />
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
