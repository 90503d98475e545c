import { App, Alert, Button, Drawer, Flex, Form, Grid, Input, Select, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import {
  ContactPointFields,
  contactPointsInitial,
  contactPointsInput,
  type ContactPointValues,
} from '../../components/ContactPointFields';
import { QueryError } from '../../components/QueryError';
import type {
  AccountInput,
  AccountsCreateMutation as CreateResult,
  Grade,
  LifecycleStage,
} from '../../graphql/gen/graphql';
import { AccountsCreateMutation } from './accounts-queries';

type Duplicate = CreateResult['createAccount']['duplicates'][number];

interface CreateForm extends ContactPointValues {
  name: string;
  taxId?: string;
  industry?: string;
  website?: string;
  grade?: Grade;
  lifecycleStage?: LifecycleStage;
  tags?: string[];
  description?: string;
}

function toInput(values: CreateForm): AccountInput {
  const text = (v: string | undefined): string | undefined => (v?.trim() ? v.trim() : undefined);
  const { phones, emails } = contactPointsInput(values);
  return {
    name: values.name.trim(),
    taxId: text(values.taxId),
    industry: text(values.industry),
    website: text(values.website),
    phones: phones.length ? phones : undefined,
    emails: emails.length ? emails : undefined,
    grade: values.grade,
    lifecycleStage: values.lifecycleStage,
    tags: values.tags?.length ? values.tags : undefined,
    description: text(values.description),
  };
}

/** The accounts that look like the one being created, each a link when the caller may open it. */
export function DuplicateWarning({
  duplicates,
  created,
  onCreateAnyway,
  creating,
}: {
  duplicates: Duplicate[];
  created: { id: string; name: string } | null;
  onCreateAnyway(): void;
  creating: boolean;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      title={created ? t('accounts.create.duplicatesCreated') : t('accounts.create.duplicatesBlocked')}
      description={
        <Flex vertical gap={8}>
          <Typography.Text>
            {created ? t('accounts.create.duplicatesCreatedBody') : t('accounts.create.duplicatesBlockedBody')}
          </Typography.Text>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {duplicates.map((d) => (
              <li key={d.accountId}>
                {d.account ? (
                  <Link to={`/accounts/${d.accountId}`}>{d.name}</Link>
                ) : (
                  <Link to={`/accounts/${d.accountId}`}>
                    {d.name} ({t('accounts.create.notYours')})
                  </Link>
                )}{' '}
                <Typography.Text type="secondary">
                  {t('accounts.create.matchedOn', {
                    fields: d.matchedOn.map((m) => t(`accounts.create.match.${m}`)).join(', '),
                  })}
                </Typography.Text>
              </li>
            ))}
          </ul>
          <Flex gap={8} wrap>
            {created ? (
              <Link to={`/accounts/${created.id}`}>{t('accounts.create.openNew')}</Link>
            ) : (
              <Button onClick={onCreateAnyway} loading={creating}>
                {t('accounts.create.createAnyway')}
              </Button>
            )}
          </Flex>
        </Flex>
      }
    />
  );
}

/** The new-account form; the service's duplicate check answers before anything is created. */
export function CreateAccountDrawer({ open, onClose }: { open: boolean; onClose(): void }): ReactNode {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<CreateForm>();
  const [{ fetching, error }, create] = useMutation(AccountsCreateMutation);
  const [result, setResult] = useState<{
    duplicates: Duplicate[];
    created: { id: string; name: string } | null;
  } | null>(null);

  async function submit(override: boolean): Promise<void> {
    const values = form.getFieldsValue(true) as CreateForm;
    const answer = await create({ account: toInput(values), duplicatePolicy: override ? 'OVERRIDE' : 'BLOCK' });
    const payload = answer.data?.createAccount;
    if (!payload) return;
    if (payload.duplicates.length > 0) {
      setResult({ duplicates: payload.duplicates, created: payload.account ?? null });
      return;
    }
    if (payload.account) {
      void message.success(t('accounts.create.created', { name: payload.account.name }));
      close();
      void navigate(`/accounts/${payload.account.id}`);
    }
  }

  function close(): void {
    form.resetFields();
    setResult(null);
    onClose();
  }

  return (
    <Drawer
      open={open}
      onClose={close}
      title={t('accounts.create.title')}
      size={screens.sm ? 520 : '100%'}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" loading={fetching} disabled={!!result?.created} onClick={() => form.submit()}>
            {t('accounts.create.submit')}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        {error && <QueryError error={error} />}
        {result && (
          <DuplicateWarning
            duplicates={result.duplicates}
            created={result.created}
            creating={fetching}
            onCreateAnyway={() => void submit(true)}
          />
        )}
        <Form
          form={form}
          layout="vertical"
          initialValues={contactPointsInitial()}
          onFinish={() => void submit(false)}
          onValuesChange={() => result && !result.created && setResult(null)}
          disabled={!!result?.created}
        >
          <Form.Item
            name="name"
            label={t('accounts.create.name')}
            rules={[{ required: true, whitespace: true, message: t('accounts.create.nameRequired') }]}
          >
            <Input autoComplete="organization" />
          </Form.Item>
          <Form.Item name="taxId" label={t('accounts.create.taxId')}>
            <Input autoComplete="off" />
          </Form.Item>
          <ContactPointFields idPrefix="new-account" />
          <Form.Item name="industry" label={t('accounts.create.industry')}>
            <Input />
          </Form.Item>
          <Form.Item name="website" label={t('accounts.create.website')}>
            <Input type="url" autoComplete="url" />
          </Form.Item>
          <Form.Item name="grade" label={t('accounts.create.grade')}>
            <Select
              allowClear
              options={(['A', 'B', 'C'] as const).map((g) => ({ value: g, label: t(`accounts.gradeValue.${g}`) }))}
            />
          </Form.Item>
          <Form.Item name="lifecycleStage" label={t('accounts.create.stage')}>
            <Select
              allowClear
              options={(['PROSPECT', 'CUSTOMER', 'CHURNED'] as const).map((s) => ({
                value: s,
                label: t(`accounts.stageValue.${s}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="tags" label={t('accounts.create.tags')}>
            <Select mode="tags" open={false} suffix={null} placeholder={t('accounts.tagsPlaceholder')} />
          </Form.Item>
          <Form.Item name="description" label={t('accounts.create.description')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Flex>
    </Drawer>
  );
}
