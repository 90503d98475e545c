import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import type { OpportunityFieldsInput, PipelineBoardDealFragment } from '../../graphql/gen/graphql';
import { DealContactsQuery } from './pipeline-queries';

/** Entry criteria the modal can fill in the move itself; line items and contact roles are edited on the deal page. */
const INLINE_FIELDS = ['amount', 'expectedCloseDate', 'nextStep', 'competitors', 'description', 'primaryContact'];

interface FormValues {
  amount?: string;
  expectedCloseDate?: string;
  nextStep?: string;
  competitors?: string[];
  description?: string;
  primaryContact?: string;
  lossReason?: string;
}

export interface PendingMove {
  deal: PipelineBoardDealFragment;
  stageId: string;
  stageName: string;
  /** The API's extensions.missingFields for the refused move. */
  missingFields: readonly string[];
  needsLossReason: boolean;
}

function toFields(values: FormValues, missing: readonly string[]): OpportunityFieldsInput {
  const fields: OpportunityFieldsInput = {};
  if (missing.includes('amount')) fields.amount = values.amount?.trim();
  if (missing.includes('expectedCloseDate')) fields.expectedCloseDate = values.expectedCloseDate;
  if (missing.includes('nextStep')) fields.nextStep = values.nextStep?.trim();
  if (missing.includes('competitors')) fields.competitors = values.competitors;
  if (missing.includes('description')) fields.description = values.description?.trim();
  if (missing.includes('primaryContact')) fields.primaryContactId = values.primaryContact;
  return fields;
}

/** Asks for exactly the fields the target stage requires and the deal lacks, then the move is retried with them. */
export function MissingFieldsModal({
  pending,
  saving,
  onSubmit,
  onCancel,
}: {
  pending: PendingMove | null;
  saving: boolean;
  onSubmit(fields: OpportunityFieldsInput, lossReason: string | undefined): void;
  onCancel(): void;
}): ReactNode {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const missing = pending?.missingFields ?? [];
  const inline = missing.filter((f) => INLINE_FIELDS.includes(f));
  const elsewhere = missing.filter((f) => !INLINE_FIELDS.includes(f));
  const [{ data: contacts, fetching: contactsLoading }] = useQuery({
    query: DealContactsQuery,
    variables: { accountId: pending?.deal.accountId ?? '' },
    pause: !pending || !missing.includes('primaryContact'),
  });
  useEffect(() => {
    if (pending) form.resetFields();
  }, [pending, form]);

  const title = pending?.needsLossReason
    ? t('pipeline.lostTitle', { name: pending.deal.name })
    : t('pipeline.missingTitle', { stage: pending?.stageName ?? '' });

  return (
    <Modal
      open={!!pending}
      title={title}
      okText={t('pipeline.saveAndMove')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ disabled: elsewhere.length > 0 }}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {pending && !pending.needsLossReason && (
        <p>{t('pipeline.missingIntro', { name: pending.deal.name, stage: pending.stageName })}</p>
      )}
      {elsewhere.length > 0 && pending && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('pipeline.fillOnDealPage', {
            fields: elsewhere
              .map((f) => t(`pipeline.field.${f}`, { defaultValue: f }))
              .join(t('pipeline.listSeparator')),
          })}
          description={<Link to={`/opportunities/${pending.deal.id}`}>{t('pipeline.openDeal')}</Link>}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        name="missing-fields"
        onFinish={(values) => onSubmit(toFields(values, inline), values.lossReason?.trim())}
      >
        {pending?.needsLossReason && (
          <Form.Item
            name="lossReason"
            label={t('pipeline.field.lossReason')}
            rules={[{ required: true, whitespace: true, message: t('pipeline.required') }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
        {inline.includes('amount') && (
          <Form.Item
            name="amount"
            label={t('pipeline.field.amount', { currency: pending?.deal.amount.currencyCode ?? '' })}
            rules={[
              { required: true, message: t('pipeline.required') },
              { pattern: /^\d+(\.\d+)?$/, message: t('pipeline.amountRule') },
              {
                validator: (_, value: string | undefined) =>
                  !value || /[1-9]/.test(value)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('pipeline.amountRule'))),
              },
            ]}
          >
            <Input inputMode="decimal" autoComplete="off" />
          </Form.Item>
        )}
        {inline.includes('expectedCloseDate') && (
          <Form.Item
            name="expectedCloseDate"
            label={t('pipeline.field.expectedCloseDate')}
            rules={[{ required: true, message: t('pipeline.required') }]}
          >
            <Input type="date" />
          </Form.Item>
        )}
        {inline.includes('nextStep') && (
          <Form.Item
            name="nextStep"
            label={t('pipeline.field.nextStep')}
            rules={[{ required: true, whitespace: true, message: t('pipeline.required') }]}
          >
            <Input maxLength={500} />
          </Form.Item>
        )}
        {inline.includes('competitors') && (
          <Form.Item
            name="competitors"
            label={t('pipeline.field.competitors')}
            rules={[{ required: true, type: 'array', min: 1, message: t('pipeline.required') }]}
          >
            <Select mode="tags" open={false} suffixIcon={null} />
          </Form.Item>
        )}
        {inline.includes('description') && (
          <Form.Item
            name="description"
            label={t('pipeline.field.description')}
            rules={[{ required: true, whitespace: true, message: t('pipeline.required') }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        {inline.includes('primaryContact') && (
          <Form.Item
            name="primaryContact"
            label={t('pipeline.field.primaryContact')}
            rules={[{ required: true, message: t('pipeline.required') }]}
            extra={
              !contactsLoading && contacts?.account?.contacts.edges.length === 0 ? t('pipeline.noContacts') : undefined
            }
          >
            <Select
              loading={contactsLoading}
              options={(contacts?.account?.contacts.edges ?? []).map(({ node }) => ({
                value: node.id,
                label: node.title ? `${node.name} · ${node.title}` : node.name,
              }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
