import { Alert, Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';

/** The frame every lead dialog shares: a modal whose OK submits the form, and the service's refusal under the fields. */
export function LeadFormDialog<Values>({
  title,
  okText,
  cancelText,
  saving,
  form,
  name,
  failure,
  onFinish,
  onClose,
  children,
}: {
  title: string;
  okText: string;
  cancelText: string;
  saving: boolean;
  form: FormInstance<Values>;
  name: string;
  failure: string | null;
  onFinish(values: Values): void;
  onClose(): void;
  children: ReactNode;
}): ReactNode {
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={cancelText}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<Values> form={form} layout="vertical" name={name} onFinish={onFinish}>
        {children}
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
