import { Button, Card, Empty, Form, Input, InputNumber, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { usePortal } from '../../app/portal-context';
import { mayCall } from '../../auth/session';
import { todayIn } from '../../format/format';
import type { OpportunityDetailQuery } from '../../graphql/gen/graphql';
import { ContractBlock } from './ContractBlock';
import { CreateContractMutation } from './opportunity-queries';
import { useDealAction } from './use-deal-action';

type Deal = NonNullable<OpportunityDetailQuery['opportunity']>;

/** The deal's contracts (a draft from the accepted quote) and their payment plans. */
export function ContractsCard({ deal, reload }: { deal: Deal; reload(): void }): ReactNode {
  const { t } = useTranslation();
  const { timeZone, user } = usePortal();
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
      extra={
        accepted &&
        !hasContract &&
        mayCall(user, 'Mutation.createContract') && (
          <Button onClick={() => setOpen(true)}>{t('opportunity.newContract')}</Button>
        )
      }
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
