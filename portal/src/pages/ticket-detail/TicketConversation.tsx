import { App, Button, Card, Empty, Form, Input, Radio, Tag, Timeline, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { mayCall } from '../../auth/session';
import { QueryError } from '../../components/QueryError';
import { PageSkeleton } from '../../components/PageSkeleton';
import { formatDateTime } from '../../format/format';
import type { TicketMessageKind } from '../../graphql/gen/graphql';
import { TicketDetailAddMessageMutation, TicketDetailMessagesQuery } from './ticket-detail-query';
import { ticketPersonName } from './ticket-person';
import { useErrorToast } from '../../components/use-error-toast';

const kindColours: Record<TicketMessageKind, string> = { CUSTOMER: 'blue', REPLY: 'green', NOTE: 'gold' };

/** One page of messages (newest first); "older messages" loads the next page below it. */
function MessagePage({ ticketId, after }: { ticketId: string; after: string | null }): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone, user } = usePortal();
  const [older, setOlder] = useState<string | null>(null);
  const [{ data, error, fetching }, reload] = useQuery({
    query: TicketDetailMessagesQuery,
    variables: { id: ticketId, after },
  });
  if (error) return <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <PageSkeleton rows={3} />;
  const messages = data?.ticket?.messages;
  if (!messages) return null;
  return (
    <>
      {messages.edges.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticketDetail.conversation.empty')} />
      ) : (
        <Timeline
          items={messages.edges.map(({ node: m }) => ({
            key: m.id,
            color: kindColours[m.kind],
            content: (
              <>
                <div>
                  <Tag>{t(`ticketDetail.conversation.kind.${m.kind}`)}</Tag>
                  <Typography.Text strong>
                    {ticketPersonName(m.authorUser, user.id, t, m.kind === 'CUSTOMER' ? m.author : undefined)}
                  </Typography.Text>{' '}
                  <Typography.Text type="secondary">{formatDateTime(m.createdAt, locale, timeZone)}</Typography.Text>
                </div>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {m.body}
                </Typography.Paragraph>
              </>
            ),
          }))}
        />
      )}
      {older ? (
        <MessagePage ticketId={ticketId} after={older} />
      ) : (
        messages.pageInfo.hasNextPage && (
          <Button onClick={() => setOlder(messages.pageInfo.endCursor)}>{t('ticketDetail.conversation.older')}</Button>
        )
      )}
    </>
  );
}

/** Replies to the customer and internal notes, with a composer for the ticket's editors. */
export function TicketConversation({ ticketId, editable }: { ticketId: string; editable: boolean }): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const [form] = Form.useForm<{ kind: TicketMessageKind; body: string }>();
  const kind = Form.useWatch('kind', form) ?? 'REPLY';
  const [{ fetching }, add] = useMutation(TicketDetailAddMessageMutation);
  const send = async (values: { kind: TicketMessageKind; body: string }): Promise<void> => {
    const result = await add({ ticketId, ...values });
    if (result.error) return showError(result.error);
    void message.success(t('ticketDetail.conversation.sent'));
    form.setFieldValue('body', '');
  };
  return (
    <Card title={t('ticketDetail.conversation.title')}>
      {editable && mayCall(user, 'Mutation.addTicketMessage') && (
        <Form form={form} layout="vertical" initialValues={{ kind: 'REPLY' }} onFinish={(v) => void send(v)}>
          <Form.Item name="kind" label={t('ticketDetail.conversation.composeKind')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'REPLY', label: t('ticketDetail.conversation.kind.REPLY') },
                { value: 'NOTE', label: t('ticketDetail.conversation.kind.NOTE') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('ticketDetail.conversation.compose')}
            rules={[{ required: true, whitespace: true, message: t('ticketDetail.conversation.bodyRequired') }]}
          >
            <Input.TextArea
              rows={3}
              placeholder={
                kind === 'NOTE'
                  ? t('ticketDetail.conversation.notePlaceholder')
                  : t('ticketDetail.conversation.replyPlaceholder')
              }
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={fetching}>
              {t('ticketDetail.conversation.send')}
            </Button>
          </Form.Item>
        </Form>
      )}
      <MessagePage ticketId={ticketId} after={null} />
    </Card>
  );
}
