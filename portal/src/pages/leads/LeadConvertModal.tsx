import { Alert, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { describeError } from '../../graphql/errors';
import type { LeadsListQuery } from '../../graphql/gen/graphql';
import { ConversionCandidatesQuery, ConvertLeadMutation } from './leads-queries';

export type LeadRow = LeadsListQuery['leads']['edges'][number]['node'];

const NEW_ACCOUNT = 'new';

interface ConvertValues {
  account: string;
  accountName?: string;
  dealName?: string;
  dealAmount?: string;
}

/**
 * Converts a qualified lead: the customer service's duplicate accounts come first, so the rep picks an existing one
 * or knowingly creates a new account; a deal is optional.
 */
export function LeadConvertModal({
  lead,
  onClose,
  onConverted,
}: {
  lead: LeadRow;
  onClose(): void;
  onConverted(opportunityId: string | null): void;
}): ReactNode {
  const { t } = useTranslation();
  const { config } = usePortal();
  const [form] = Form.useForm<ConvertValues>();
  const [{ data, error, fetching }, reload] = useQuery({
    query: ConversionCandidatesQuery,
    variables: { leadId: lead.id },
    requestPolicy: 'network-only',
  });
  const [{ fetching: saving }, convert] = useMutation(ConvertLeadMutation);
  const [failure, setFailure] = useState<string | null>(null);
  // One key per dialog: a retry after a network failure resumes the same conversion instead of starting another.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const choice = Form.useWatch('account', form);
  const candidates = data?.leadConversionCandidates ?? [];

  async function submit(values: ConvertValues): Promise<void> {
    setFailure(null);
    const dealName = values.dealName?.trim();
    const result = await convert({
      input: {
        leadId: lead.id,
        idempotencyKey,
        accountChoice:
          values.account === NEW_ACCOUNT
            ? { create: { name: values.accountName?.trim() || undefined } }
            : { existingAccountId: values.account },
        contact: lead.personName
          ? { name: lead.personName, title: lead.title, email: lead.email, phone: lead.phone }
          : null,
        opportunity: dealName
          ? { name: dealName, amount: values.dealAmount?.trim() || undefined, currency: config.companyCurrency }
          : null,
      },
    });
    if (result.error) setFailure(describeError(result.error, t));
    else if (result.data) onConverted(result.data.convertLead.opportunityId ?? null);
  }

  return (
    <Modal
      open
      title={t('leads.convertTitle', { name: lead.companyName ?? lead.personName ?? '' })}
      okText={t('leads.convert')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ disabled: fetching || !!error }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {error ? (
        <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />
      ) : fetching && !data ? (
        <PageSkeleton rows={3} />
      ) : (
        <Form
          form={form}
          layout="vertical"
          name="convert-lead"
          initialValues={{ account: NEW_ACCOUNT, accountName: lead.companyName ?? lead.personName ?? '' }}
          onFinish={(values) => void submit(values)}
        >
          {candidates.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('leads.duplicatesFound', { count: candidates.length })}
            />
          ) : (
            <Typography.Paragraph type="secondary">{t('leads.noDuplicates')}</Typography.Paragraph>
          )}
          <Form.Item name="account" label={t('leads.accountChoice')}>
            <Radio.Group>
              <Space direction="vertical">
                {candidates.map((c) => (
                  <Radio key={c.accountId} value={c.accountId}>
                    {t('leads.useExisting', { name: c.name })}{' '}
                    {c.matchedOn.map((key) => (
                      <Tag key={key}>{t(`leads.matchedOn.${key}`, { defaultValue: key })}</Tag>
                    ))}
                  </Radio>
                ))}
                <Radio value={NEW_ACCOUNT}>{t('leads.createNew')}</Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          {choice === NEW_ACCOUNT && (
            <Form.Item
              name="accountName"
              label={t('leads.newAccountName')}
              rules={[{ required: true, whitespace: true, message: t('leads.required') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          )}
          <Form.Item name="dealName" label={t('leads.dealName')} extra={t('leads.dealOptional')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="dealAmount"
            label={t('leads.dealAmount', { currency: config.companyCurrency })}
            rules={[{ pattern: /^\d+(\.\d+)?$/, message: t('leads.amountRule') }]}
          >
            <Input inputMode="decimal" autoComplete="off" />
          </Form.Item>
          {failure && <Alert type="error" showIcon title={failure} />}
        </Form>
      )}
    </Modal>
  );
}
