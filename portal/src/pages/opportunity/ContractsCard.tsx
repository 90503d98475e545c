import { Button, Card, Empty, Flex, Form, Input, InputNumber, Modal, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { usePortal } from '../../app/portal-context';
import { formatDate, formatMoney, todayIn } from '../../format/format';
import type { OpportunityDetailQuery } from '../../graphql/gen/graphql';
import { CreateContractMutation, RecordReceiptMutation, SignContractMutation } from './opportunity-queries';
import { useDealAction } from './use-deal-action';

type Deal = NonNullable<OpportunityDetailQuery['opportunity']>;
type ContractRow = Deal['contracts'][number];
type InstalmentRow = NonNullable<ContractRow['paymentPlan']>['instalments'][number];

/** One contract: sign a draft, its payment plan (hidden with the reason when not the caller's to see), receipts. */
function ContractBlock({ contract, reload }: { contract: ContractRow; reload(): void }): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const act = useDealAction(reload);
  const [, sign] = useMutation(SignContractMutation);
  const [, record] = useMutation(RecordReceiptMutation);
  const [receipt, setReceipt] = useState<InstalmentRow | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [form] = Form.useForm<{ amount: string; receivedOn: string }>();
  const plan = contract.paymentPlan;
  return (
    <div style={{ marginBottom: 16 }}>
      <Flex justify="space-between" wrap gap={8} align="center">
        <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
          {t('opportunity.contractLine', { number: contract.number })}{' '}
          <Tag>{t(`opportunity.contractStatus.${contract.status}`, { defaultValue: contract.status })}</Tag>
        </Typography.Title>
        {contract.status === 'DRAFT' && (
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
          <Typography.Paragraph>
            {t('opportunity.planSummary', {
              planned: formatMoney(plan.planned, locale),
              unplanned: formatMoney(plan.unplanned, locale),
            })}
          </Typography.Paragraph>
          <Table<InstalmentRow>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 640 }}
            dataSource={plan.instalments}
            locale={{ emptyText: t('opportunity.noInstalments') }}
            columns={[
              { title: '#', key: 'seq', render: (_, i) => i.sequence },
              { title: t('opportunity.col.dueOn'), key: 'due', render: (_, i) => formatDate(i.dueOn, locale) },
              {
                title: t('opportunity.col.amount'),
                key: 'amount',
                align: 'right',
                render: (_, i) => formatMoney(i.amount, locale),
              },
              {
                title: t('opportunity.col.paid'),
                key: 'paid',
                align: 'right',
                render: (_, i) => formatMoney(i.paid, locale),
              },
              {
                title: t('opportunity.col.outstanding'),
                key: 'outstanding',
                align: 'right',
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
                  /[1-9]/.test(i.outstanding.amount) && (
                    <Button size="small" onClick={() => setReceipt(i)}>
                      {t('opportunity.recordReceipt')}
                    </Button>
                  ),
              },
            ]}
          />
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

/** The deal's contracts (a draft from the accepted quote) and their payment plans. */
export function ContractsCard({ deal, reload }: { deal: Deal; reload(): void }): ReactNode {
  const { t } = useTranslation();
  const { timeZone } = usePortal();
  const act = useDealAction(reload);
  const [, create] = useMutation(CreateContractMutation);
  const [open, setOpen] = useState(false);
  const [key] = useState(() => crypto.randomUUID());
  const [form] = Form.useForm<{ startOn: string; termMonths: number; number?: string }>();
  const accepted = deal.quotes.find((q) => q.status === 'ACCEPTED');
  const hasContract = deal.contracts.some((c) => c.status !== 'TERMINATED');
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('opportunity.contracts')}</h2>}
      extra={accepted && !hasContract && <Button onClick={() => setOpen(true)}>{t('opportunity.newContract')}</Button>}
    >
      {deal.contracts.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={accepted ? t('opportunity.noContractYet') : t('opportunity.noContractNoQuote')}
        />
      ) : (
        deal.contracts.map((c) => <ContractBlock key={c.id} contract={c} reload={reload} />)
      )}
      <Modal
        open={open}
        title={t('opportunity.newContract')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          name="new-contract"
          initialValues={{ startOn: todayIn(timeZone), termMonths: 12 }}
          onFinish={async (values) => {
            if (!accepted) return;
            const ok = await act(
              () =>
                create({
                  input: {
                    quoteId: accepted.id,
                    startOn: values.startOn,
                    termMonths: values.termMonths,
                    number: values.number?.trim() || undefined,
                    idempotencyKey: key,
                  },
                }),
              t('opportunity.contractCreated'),
            );
            if (ok) setOpen(false);
          }}
        >
          <Form.Item name="number" label={t('opportunity.contractNumber')} extra={t('opportunity.contractNumberHint')}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item
            name="startOn"
            label={t('opportunity.startOn')}
            rules={[{ required: true, message: t('opportunity.required') }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="termMonths"
            label={t('opportunity.termMonths')}
            rules={[{ required: true, message: t('opportunity.required') }]}
          >
            <InputNumber min={1} max={120} precision={0} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
