import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { QueryError } from '../../components/QueryError';
import type { ActivityKind, Grade } from '../../graphql/gen/graphql';
import { Account360LogActivityMutation } from './account-360-queries';

const KINDS: ActivityKind[] = ['CALL', 'VISIT', 'MEETING', 'EMAIL', 'WECHAT', 'NOTE'];

/** The follow-up cadence of a grade (the platform's defaults: A weekly, B fortnightly, C monthly). */
export function followUpDaysForGrade(grade: Grade | null | undefined): number {
  return grade === 'A' ? 7 : grade === 'B' ? 14 : 30;
}

interface ActivityForm {
  kind: ActivityKind;
  subject: string;
  outcome?: string;
  nextFollowUp?: Dayjs | null;
}

/** "Log activity": one click opens a filled-in form, a second click logs it. */
export function LogActivityButton({
  accountId,
  grade,
  onLogged,
}: {
  accountId: string;
  grade: Grade | null | undefined;
  onLogged(): void;
}): ReactNode {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<ActivityForm>();
  const [{ fetching, error }, log] = useMutation(Account360LogActivityMutation);

  function openForm(): void {
    form.setFieldsValue({
      kind: 'CALL',
      subject: t('account360.kindSubject.CALL'),
      outcome: undefined,
      nextFollowUp: dayjs().add(followUpDaysForGrade(grade), 'day').hour(9).minute(0).second(0).millisecond(0),
    });
    setOpen(true);
  }

  async function submit(values: ActivityForm): Promise<void> {
    const result = await log({
      input: {
        accountId,
        kind: values.kind,
        subject: values.subject.trim(),
        outcome: values.outcome?.trim() || null,
        nextFollowUpAt: values.nextFollowUp ? values.nextFollowUp.toISOString() : null,
      },
    });
    if (result.error) return;
    void message.success(t('account360.activityForm.logged'));
    setOpen(false);
    onLogged();
  }

  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={openForm}>
        {t('account360.logActivity')}
      </Button>
      <Modal
        open={open}
        title={t('account360.activityForm.title')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('account360.activityForm.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={fetching}
        forceRender
      >
        {error && <QueryError error={error} />}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          onValuesChange={(changed: Partial<ActivityForm>, all: ActivityForm) => {
            // The subject follows the kind while the user has not written their own.
            const previous: string[] = KINDS.map((k) => t(`account360.kindSubject.${k}`));
            if (changed.kind && (!all.subject || previous.includes(all.subject)))
              form.setFieldValue('subject', t(`account360.kindSubject.${changed.kind}`));
          }}
        >
          <Form.Item name="kind" label={t('account360.activityForm.kind')}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`account360.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item
            name="subject"
            label={t('account360.activityForm.subject')}
            rules={[{ required: true, whitespace: true, message: t('account360.activityForm.subjectRequired') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="outcome" label={t('account360.activityForm.outcome')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item
            name="nextFollowUp"
            label={t('account360.activityForm.nextFollowUp')}
            extra={t('account360.activityForm.nextFollowUpHint')}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
