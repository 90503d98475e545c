import { Button, Form, Input, Radio, Result, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { usePortal } from '../../app/portal-context';
import { mayCall } from '../../auth/session';
import { QueryError } from '../../components/QueryError';
import type { AccountGrantAccess } from '../../graphql/gen/graphql';
import { Account360RequestAccessMutation } from './account-360-queries';

export const ACCESS: AccountGrantAccess[] = ['READ', 'EDIT'];

/** The page a caller sees for an account they may not read: no data, and a way to ask for access. */
export function AccountNoAccess({ accountId }: { accountId: string }): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const [form] = Form.useForm<{ access: AccountGrantAccess; reason: string }>();
  const [{ fetching, error, data }, request] = useMutation(Account360RequestAccessMutation);
  const [asking, setAsking] = useState(false);
  return (
    <Result
      status="403"
      title={t('common.noAccessTitle')}
      subTitle={t('common.noAccessBody')}
      extra={
        data ? (
          <Typography.Paragraph role="status">{t('account360.requestForm.sent')}</Typography.Paragraph>
        ) : asking ? (
          <div style={{ maxWidth: 480, margin: '0 auto', textAlign: 'start' }}>
            <Typography.Title level={2} style={{ fontSize: 18 }}>
              {t('account360.requestForm.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('account360.requestForm.intro')}</Typography.Paragraph>
            {error && <QueryError error={error} />}
            <Form
              form={form}
              layout="vertical"
              initialValues={{ access: 'READ' }}
              onFinish={(v) => void request({ input: { accountId, access: v.access, reason: v.reason.trim() } })}
            >
              <Form.Item name="access" label={t('account360.requestForm.access')}>
                <Radio.Group options={ACCESS.map((a) => ({ value: a, label: t(`account360.access.${a}`) }))} />
              </Form.Item>
              <Form.Item
                name="reason"
                label={t('account360.requestForm.reason')}
                rules={[
                  { required: true, whitespace: true, max: 1000, message: t('account360.requestForm.reasonRequired') },
                ]}
              >
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={fetching}>
                {t('account360.requestForm.submit')}
              </Button>
            </Form>
          </div>
        ) : (
          <>
            {mayCall(user, 'Mutation.requestAccountAccess') && (
              <>
                <Button type="primary" onClick={() => setAsking(true)}>
                  {t('account360.requestAccess')}
                </Button>{' '}
              </>
            )}
            <Link to="/accounts">{t('account360.back')}</Link>
          </>
        )
      }
    />
  );
}
