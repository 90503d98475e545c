import { ShareAltOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { QueryError } from '../../components/QueryError';
import type { AccountGrantAccess } from '../../graphql/gen/graphql';
import { usePortal } from '../../app/portal-context';
import { AccountUserPicker, mayPickUsers } from '../accounts/AccountUserPicker';
import { Account360ShareMutation } from './account-360-queries';
import { ACCESS } from './AccountAccess';

/** Owner, team manager or crm-admin: give a colleague read or edit access, optionally until a date. */
export function ShareAccountButton({ accountId }: { accountId: string }): ReactNode {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = usePortal();
  // Without the user directory (reps), the colleague's user id is typed in.
  const directory = mayPickUsers(user);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ granteeId: string; access: AccountGrantAccess; expires?: Dayjs | null }>();
  const [{ fetching, error }, share] = useMutation(Account360ShareMutation);
  return (
    <>
      <Button icon={<ShareAltOutlined />} onClick={() => setOpen(true)}>
        {t('account360.share')}
      </Button>
      <Modal
        open={open}
        title={t('account360.shareForm.title')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('account360.share')}
        cancelText={t('common.cancel')}
        confirmLoading={fetching}
        destroyOnHidden
      >
        {error && <QueryError error={error} />}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ access: 'READ' }}
          onFinish={async (v) => {
            const result = await share({
              input: {
                accountId,
                granteeId: v.granteeId.trim(),
                access: v.access,
                expiresAt: v.expires ? v.expires.endOf('day').toISOString() : null,
              },
            });
            if (result.error) return;
            void message.success(t('account360.shareForm.shared'));
            setOpen(false);
          }}
        >
          <Form.Item
            name="granteeId"
            label={directory ? t('account360.shareForm.granteeUser') : t('account360.shareForm.grantee')}
            rules={[{ required: true, whitespace: true, message: t('account360.shareForm.granteeRequired') }]}
          >
            {directory ? <AccountUserPicker /> : <Input autoComplete="off" />}
          </Form.Item>
          <Form.Item name="access" label={t('account360.shareForm.access')}>
            <Radio.Group options={ACCESS.map((a) => ({ value: a, label: t(`account360.access.${a}`) }))} />
          </Form.Item>
          <Form.Item name="expires" label={t('account360.shareForm.expires')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
