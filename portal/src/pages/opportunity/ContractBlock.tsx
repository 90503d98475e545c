import { App, Button, Flex, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { usePortal } from '../../app/portal-context';
import { mayCall } from '../../auth/session';
import { formatDate, formatMoney, todayIn } from '../../format/format';
import type { OpportunityDetailQuery } from '../../graphql/gen/graphql';
import { RecordReceiptMutation, SignContractMutation } from './opportunity-queries';
import { PaymentPlanEditor } from './PaymentPlanEditor';
import { useDealAction } from './use-deal-action';

type Deal = NonNullable<OpportunityDetailQuery['opportunity']>;
type ContractRow = Deal['contracts'][number];
type InstalmentRow = NonNullable<ContractRow['paymentPlan']>['instalments'][number];
/** Dates and amounts never break mid-value: the table scrolls instead. */
const nowrap = { style: { whiteSpace: 'nowrap' as const } };
type PaymentRow = NonNullable<ContractRow['paymentPlan']>['payments'][number];

/** One contract: sign a draft, its payment plan (hidden with the reason when not the caller's to see), receipts. */
export function ContractBlock({ contract, reload }: { contract: ContractRow; reload(): void }): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone, user } = usePortal();
  const act = useDealAction(reload);
  const [, sign] = useMutation(SignContractMutation);
  const [, record] = useMutation(RecordReceiptMutation);
  const [receipt, setReceipt] = useState<InstalmentRow | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [form] = Form.useForm<{ amount: string; receivedOn: string }>();
  const [editingPlan, setEditingPlan] = useState(false);
  const { message } = App.useApp();
  const plan = contract.paymentPlan;
  return (
    <div style={{ marginBottom: 16 }}>
      <Flex justify="space-between" wrap gap={8} align="center">
        <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
          {t('opportunity.contractLine', { number: contract.number })}{' '}
          <Tag>{t(`opportunity.contractStatus.${contract.status}`, { defaultValue: contract.status })}</Tag>
        </Typography.Title>
        {contract.status === 'DRAFT' && mayCall(user, 'Mutation.signContract') && (
          <Button
            onClick={() =>
              void act(() => sign({ id: contract.id, signedOn: todayIn(timeZone) }), t('opportunity.signed'))
            }
          >
            {t('opportunity.signToday')}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary">
        {[
          contract.value
            ? formatMoney(contract.value, locale)
            : t('common.hiddenReason', { reason: t('opportunity.financeOnly') }),
          contract.signedOn ? t('opportunity.signedOn', { date: formatDate(contract.signedOn, locale) }) : null,
          contract.startOn
            ? t('opportunity.term', { date: formatDate(contract.startOn, locale), months: contract.termMonths ?? 0 })
            : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Paragraph>
      {!plan ? (
        <Typography.Text type="secondary">
          {t('common.hiddenReason', { reason: t('opportunity.financeOnly') })}
        </Typography.Text>
      ) : (
        <>
          <Flex justify="space-between" wrap gap={8} align="center" style={{ marginBottom: 8 }}>
            <Typography.Text>
              {t('opportunity.planSummary', {
                planned: formatMoney(plan.planned, locale),
                unplanned: formatMoney(plan.unplanned, locale),
              })}
            </Typography.Text>
            {contract.status !== 'TERMINATED' && mayCall(user, 'Mutation.setPaymentPlan') && (
              <Button onClick={() => setEditingPlan(true)}>{t('opportunity.plan.edit')}</Button>
            )}
          </Flex>
          <Table<InstalmentRow>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={plan.instalments}
            locale={{ emptyText: t('opportunity.noInstalments') }}
            columns={[
              { title: '#', key: 'seq', render: (_, i) => i.sequence },
              {
                title: t('opportunity.col.dueOn'),
                key: 'due',
                onCell: () => nowrap,
                render: (_, i) => formatDate(i.dueOn, locale),
              },
              {
                title: t('opportunity.col.amount'),
                key: 'amount',
                align: 'right',
                onCell: () => nowrap,
                render: (_, i) => formatMoney(i.amount, locale),
              },
              {
                title: t('opportunity.col.paid'),
                key: 'paid',
                align: 'right',
                onCell: () => nowrap,
                render: (_, i) => formatMoney(i.paid, locale),
              },
              {
                title: t('opportunity.col.outstanding'),
                key: 'outstanding',
                align: 'right',
                onCell: () => nowrap,
                render: (_, i) => formatMoney(i.outstanding, locale),
              },
              {
                title: t('opportunity.col.status'),
                key: 'status',
                render: (_, i) =>
                  i.daysOverdue > 0 ? (
                    <Tag color="red">{t('opportunity.overdue', { days: i.daysOverdue })}</Tag>
                  ) : (
                    <Tag>{t(`opportunity.instalmentStatus.${i.status}`, { defaultValue: i.status })}</Tag>
                  ),
              },
              {
                title: t('opportunity.col.actions'),
                key: 'actions',
                render: (_, i) =>
                  /[1-9]/.test(i.outstanding.amount) &&
                  mayCall(user, 'Mutation.recordReceipt') && (
                    <Button size="small" onClick={() => setReceipt(i)}>
                      {t('opportunity.recordReceipt')}
                    </Button>
                  ),
              },
            ]}
          />
          {plan.payments.length > 0 && (
            <Table<PaymentRow>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              style={{ marginTop: 12 }}
              title={() => <strong>{t('opportunity.plan.payments')}</strong>}
              dataSource={plan.payments}
              columns={[
                {
                  title: t('opportunity.receivedOn'),
                  key: 'on',
                  render: (_, p) => formatDate(p.receivedOn, locale),
                },
                {
                  title: t('opportunity.col.amount'),
                  key: 'amount',
                  align: 'right',
                  onCell: () => nowrap,
                  render: (_, p) => formatMoney(p.amount, locale),
                },
                {
                  title: t('opportunity.plan.recordedBy'),
                  key: 'by',
                  render: (_, p) =>
                    p.source === 'FINANCE'
                      ? t('opportunity.plan.byFinance')
                      : (p.recordedByUser?.displayName ?? t('opportunity.bySystem')),
                },
              ]}
            />
          )}
          {editingPlan && (
            <PaymentPlanEditor
              plan={{
                contractId: contract.id,
                version: plan.version,
                contractValue: plan.contractValue,
                instalments: plan.instalments,
              }}
              onClose={() => setEditingPlan(false)}
              onSaved={() => {
                setEditingPlan(false);
                void message.success(t('opportunity.plan.saved'));
                reload();
              }}
            />
          )}
        </>
      )}
      <Modal
        open={!!receipt}
        title={t('opportunity.recordReceipt')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onCancel={() => setReceipt(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          name="record-receipt"
          initialValues={{ receivedOn: todayIn(timeZone) }}
          onFinish={async (values) => {
            if (!receipt) return;
            const ok = await act(
              () =>
                record({
                  instalmentId: receipt.id,
                  amount: values.amount.trim(),
                  receivedOn: values.receivedOn,
                  idempotencyKey: key,
                }),
              t('opportunity.receiptRecorded'),
            );
            if (ok) {
              setReceipt(null);
              setKey(crypto.randomUUID());
            }
          }}
        >
          <Form.Item
            name="amount"
            label={t('opportunity.receiptAmount', {
              outstanding: receipt ? formatMoney(receipt.outstanding, locale) : '',
            })}
            rules={[
              { required: true, message: t('opportunity.required') },
              { pattern: /^\d+(\.\d+)?$/, message: t('opportunity.amountRule') },
            ]}
          >
            <Input inputMode="decimal" autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="receivedOn"
            label={t('opportunity.receivedOn')}
            rules={[{ required: true, message: t('opportunity.required') }]}
          >
            <Input type="date" max={todayIn(timeZone)} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
