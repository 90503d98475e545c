import { Alert, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { describeError } from '../../graphql/errors';

/** The admin editors' dialog: Save submits the form inside, a refused save says why above it. */
export function EditorModal({
  title,
  width,
  saving,
  error,
  onSave,
  onCancel,
  children,
}: {
  title: string;
  width: number;
  saving: boolean;
  error: CombinedError | undefined;
  onSave(): void;
  onCancel(): void;
  children: ReactNode;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <Modal
      open
      width={width}
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={onSave}
      onCancel={onCancel}
      destroyOnHidden
    >
      {error && <Alert style={{ marginBottom: 16 }} type="error" showIcon title={describeError(error, t)} />}
      {children}
    </Modal>
  );
}
