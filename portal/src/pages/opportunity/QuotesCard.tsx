import { Button, Card, Flex, Form, Input, Modal, Table, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { usePortal } from '../../app/portal-context';
import { mayCall } from '../../auth/session';
import { formatDate, formatDateTime, formatMoney, todayIn } from '../../format/format';
import type { OpportunityDetailQuery, QuoteStatus } from '../../graphql/gen/graphql';
import {
  AcceptQuoteMutation,
  ApproveQuoteMutation,
  CreateQuoteMutation,
  RejectQuoteMutation,
  SubmitQuoteMutation,
} from './opportunity-queries';
import { useDealAction } from './use-deal-action';

type Deal = NonNullable<OpportunityDetailQuery['opportunity']>;
type QuoteRow = Deal['quotes'][number];

const COLOURS: Record<QuoteStatus, string> = {
  DRAFT: 'default',
  SUBMITTED: 'gold',
  APPROVED: 'green',
  REJECTED: 'red',
  ACCEPTED: 'blue',
  DECLINED: 'red',
  SUPERSEDED: 'default',
};

type Decision = { quote: QuoteRow; approve: boolean } | null;

/** Quote versions of the deal: a new draft from the line items, submit, a manager's approval or rejection, acceptance. */
export function QuotesCard({ deal, reload }: { deal: Deal; reload(): void }): ReactNode {
  const { t } = useTranslation();
  const { user, locale, timeZone } = usePortal();
  const act = useDealAction(reload);
  const [, create] = useMutation(CreateQuoteMutation);
  const [, submit] = useMutation(SubmitQuoteMutation);
  const [, approve] = useMutation(ApproveQuoteMutation);
  const [, reject] = useMutation(RejectQuoteMutation);
  const [, accept] = useMutation(AcceptQuoteMutation);
  const [creating, setCreating] = useState(false);
  const [decision, setDecision] = useState<Decision>(null);
  const [form] = Form.useForm<{ validUntil: string; notes?: string }>();
  const [decisionForm] = Form.useForm<{ comment?: string }>();
  // The service's rule, then the row: nobody approves a quote on their own deal.
  const decides = mayCall(user, 'Mutation.approveQuote') && deal.ownerId !== user.id;

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('opportunity.quotes')}</h2>}
      extra={
        deal.status === 'OPEN' &&
        mayCall(user, 'Mutation.createQuote') && (
          <Button onClick={() => setCreating(true)} disabled={deal.lineItems.length === 0}>
            {t('opportunity.newQuote')}
          </Button>
        )
      }
    >
      <Table<QuoteRow>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 720 }}
        dataSource={deal.quotes}
        locale={{ emptyText: deal.lineItems.length ? t('opportunity.noQuotes') : t('opportunity.noQuotesNoLines') }}
        columns={[
          { title: t('opportunity.col.version'), key: 'v', render: (_, q) => `v${q.version}` },
          {
            title: t('opportunity.col.status'),
            key: 'status',
            render: (_, q) => <Tag color={COLOURS[q.status]}>{t(`opportunity.quoteStatus.${q.status}`)}</Tag>,
          },
          {
            title: t('opportunity.col.total'),
            key: 'total',
            align: 'right',
            render: (_, q) => formatMoney(q.total, locale),
          },
          { title: t('opportunity.col.discount'), key: 'discount', render: (_, q) => `${q.maxDiscountPercent}%` },
          { title: t('opportunity.col.validUntil'), key: 'valid', render: (_, q) => formatDate(q.validUntil, locale) },
          {
            title: t('opportunity.col.decision'),
            key: 'decision',
            render: (_, q) =>
              q.decidedAt
                ? [formatDateTime(q.decidedAt, locale, timeZone), q.decidedByUser?.displayName, q.decisionComment]
                    .filter(Boolean)
                    .join(' · ')
                : t('common.none'),
          },
          {
            title: t('opportunity.col.actions'),
            key: 'actions',
            render: (_, q) => (
              <Flex gap={4} wrap>
                {q.status === 'DRAFT' && mayCall(user, 'Mutation.submitQuote') && (
                  <Button size="small" onClick={() => void act(() => submit({ id: q.id }), t('opportunity.submitted'))}>
                    {t('opportunity.submit')}
                  </Button>
                )}
                {q.status === 'SUBMITTED' && decides && (
                  <>
                    <Button size="small" type="primary" onClick={() => setDecision({ quote: q, approve: true })}>
                      {t('opportunity.approve')}
                    </Button>
                    <Button size="small" danger onClick={() => setDecision({ quote: q, approve: false })}>
                      {t('opportunity.reject')}
                    </Button>
                  </>
                )}
                {q.status === 'APPROVED' && mayCall(user, 'Mutation.acceptQuote') && (
                  <Button size="small" onClick={() => void act(() => accept({ id: q.id }), t('opportunity.accepted'))}>
                    {t('opportunity.accept')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('opportunity.newQuote')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          name="new-quote"
          onFinish={async (values) => {
            const ok = await act(
              () =>
                create({
                  input: {
                    opportunityId: deal.id,
                    validUntil: values.validUntil,
                    notes: values.notes?.trim() || undefined,
                  },
                }),
              t('opportunity.quoteCreated'),
            );
            if (ok) setCreating(false);
          }}
        >
          <Form.Item
            name="validUntil"
            label={t('opportunity.validUntil')}
            rules={[{ required: true, message: t('opportunity.required') }]}
          >
            <Input type="date" min={todayIn(timeZone)} />
          </Form.Item>
          <Form.Item name="notes" label={t('opportunity.notes')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!decision}
        title={decision?.approve ? t('opportunity.approveTitle') : t('opportunity.rejectTitle')}
        okText={decision?.approve ? t('opportunity.approve') : t('opportunity.reject')}
        cancelText={t('common.cancel')}
        onCancel={() => setDecision(null)}
        onOk={() => decisionForm.submit()}
        destroyOnHidden
      >
        {decision && (
          <p>
            {t('opportunity.decisionIntro', {
              version: decision.quote.version,
              total: formatMoney(decision.quote.total, locale),
              discount: decision.quote.maxDiscountPercent,
            })}
          </p>
        )}
        <Form
          form={decisionForm}
          layout="vertical"
          name="quote-decision"
          onFinish={async (values) => {
            if (!decision) return;
            const comment = values.comment?.trim();
            const ok = decision.approve
              ? await act(() => approve({ id: decision.quote.id, comment }), t('opportunity.approved'))
              : await act(() => reject({ id: decision.quote.id, comment: comment ?? '' }), t('opportunity.rejected'));
            if (ok) setDecision(null);
          }}
        >
          <Form.Item
            name="comment"
            label={t('opportunity.comment')}
            rules={[{ required: !decision?.approve, whitespace: true, message: t('opportunity.rejectRule') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
