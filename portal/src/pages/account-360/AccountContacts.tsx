import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Form, Input, Modal, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { mayCall } from '../../auth/session';
import {
  ContactPointFields,
  contactPointsInitial,
  contactPointsInput,
  type ContactPointValues,
} from '../../components/ContactPointFields';
import { QueryError } from '../../components/QueryError';
import type { Account360ContactsQuery as ContactsResult, PreferredChannel } from '../../graphql/gen/graphql';
import { CursorPager } from '../accounts/CursorPager';
import {
  Account360ContactsQuery,
  Account360CreateContactMutation,
  Account360UpdateContactMutation,
} from './account-360-queries';

type Contact = NonNullable<ContactsResult['account']>['contacts']['edges'][number]['node'];

interface ContactForm extends ContactPointValues {
  name: string;
  title?: string;
  role?: string;
  preferredChannel?: PreferredChannel;
}

const CHANNELS: PreferredChannel[] = ['PHONE', 'EMAIL', 'WECHAT', 'SMS', 'VISIT'];

/** Add or edit one contact of the account. */
function ContactModal({
  accountId,
  contact,
  open,
  onClose,
}: {
  accountId: string;
  contact: Contact | null;
  open: boolean;
  onClose(): void;
}): ReactNode {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ContactForm>();
  const [createState, create] = useMutation(Account360CreateContactMutation);
  const [updateState, update] = useMutation(Account360UpdateContactMutation);
  const error = createState.error ?? updateState.error;

  async function save(values: ContactForm): Promise<void> {
    const text = (v?: string): string | null => (v?.trim() ? v.trim() : null);
    const input = {
      name: values.name.trim(),
      title: text(values.title),
      role: text(values.role),
      ...contactPointsInput(values),
      preferredChannel: values.preferredChannel ?? null,
    };
    const result = contact
      ? await update({ id: contact.id, contact: input, expectedVersion: contact.version })
      : await create({ input: { ...input, accountId } }, { additionalTypenames: ['Contact'] });
    if (result.error) return;
    void message.success(t('account360.contactForm.saved', { name: input.name }));
    onClose();
  }

  return (
    <Modal
      open={open}
      title={contact ? t('account360.contactForm.editTitle') : t('account360.contactForm.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={createState.fetching || updateState.fetching}
      destroyOnHidden
    >
      {error && <QueryError error={error} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={
          contact
            ? {
                name: contact.name,
                title: contact.title ?? undefined,
                role: contact.role ?? undefined,
                ...contactPointsInitial(contact.phones, contact.emails),
                preferredChannel: contact.preferredChannel ?? undefined,
              }
            : contactPointsInitial()
        }
      >
        <Form.Item
          name="name"
          label={t('account360.contactForm.name')}
          rules={[{ required: true, whitespace: true, message: t('account360.contactForm.nameRequired') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="title" label={t('account360.contactForm.title')}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('account360.contactForm.role')}>
          <Input />
        </Form.Item>
        <ContactPointFields idPrefix="contact" />
        <Form.Item name="preferredChannel" label={t('account360.contactForm.channel')}>
          <Select allowClear options={CHANNELS.map((c) => ({ value: c, label: t(`account360.channel.${c}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The account's contacts, a cursor page at a time, with add and edit. */
export function AccountContacts({ accountId }: { accountId: string }): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const creates = mayCall(user, 'Mutation.createContact');
  const updates = mayCall(user, 'Mutation.updateContact');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [editing, setEditing] = useState<Contact | null | 'new'>(null);
  const [{ data, error, fetching }, reload] = useQuery({
    query: Account360ContactsQuery,
    variables: { id: accountId, after: cursors[cursors.length - 1] },
  });
  if (error) return <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />;
  const connection = data?.account?.contacts;
  const columns: ColumnsType<Contact> = [
    { title: t('account360.contactColumns.name'), dataIndex: 'name' },
    {
      title: t('account360.contactColumns.title'),
      dataIndex: 'title',
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('account360.contactColumns.phones'),
      dataIndex: 'phones',
      render: (v: string[]) => v.join(', ') || t('common.none'),
    },
    {
      title: t('account360.contactColumns.emails'),
      dataIndex: 'emails',
      render: (v: string[]) => v.join(', ') || t('common.none'),
    },
    {
      title: t('account360.contactColumns.channel'),
      dataIndex: 'preferredChannel',
      render: (v: PreferredChannel | null) => (v ? t(`account360.channel.${v}`) : t('common.none')),
    },
  ];
  if (updates)
    columns.push({
      title: t('account360.contactColumns.actions'),
      key: 'actions',
      render: (_, row) => (
        <Button
          size="small"
          onClick={() => setEditing(row)}
          aria-label={t('account360.editContactOf', { name: row.name })}
        >
          {t('account360.editContact')}
        </Button>
      ),
    });
  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">
          {connection ? t('common.total', { count: connection.totalCount }) : ''}
        </Typography.Text>
        {creates && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('account360.addContact')}
          </Button>
        )}
      </Flex>
      <Table<Contact>
        rowKey="id"
        size="small"
        loading={fetching}
        columns={columns}
        dataSource={connection?.edges.map((e) => e.node) ?? []}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: <Empty description={t('account360.noContacts')} /> }}
      />
      {(cursors.length > 1 || connection?.pageInfo.hasNextPage) && (
        <CursorPager cursors={cursors} onChange={setCursors} pageInfo={connection?.pageInfo} />
      )}
      <ContactModal
        accountId={accountId}
        contact={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => {
          setEditing(null);
          reload({ requestPolicy: 'network-only' });
        }}
      />
    </Flex>
  );
}
