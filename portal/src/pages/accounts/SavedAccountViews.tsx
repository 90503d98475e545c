import { Button, Flex, Form, Input, Modal, Select, Tooltip } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { App } from 'antd';
import type { AccountCriteria } from './account-criteria';

export interface SavedAccountView {
  name: string;
  criteria: AccountCriteria;
}

const STORAGE_KEY = 'crm.accountViews';

/** The views kept in this browser (until the API stores them per user). */
export function loadSavedViews(storage: Storage = localStorage): SavedAccountView[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as SavedAccountView[]) : [];
  } catch {
    return []; // a damaged entry must not break the page
  }
}

function storeViews(views: SavedAccountView[]): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(views));
}

/** Pick, save and delete named filter sets of the accounts list. */
export function SavedAccountViews({
  criteria,
  onApply,
}: {
  criteria: AccountCriteria;
  onApply(criteria: AccountCriteria): void;
}): ReactNode {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [views, setViews] = useState(loadSavedViews);
  const [current, setCurrent] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  function save({ name }: { name: string }): void {
    const next = [...views.filter((v) => v.name !== name.trim()), { name: name.trim(), criteria }];
    storeViews(next);
    setViews(next);
    setCurrent(name.trim());
    setSaving(false);
    form.resetFields();
    void message.success(t('accounts.viewSaved', { name: name.trim() }));
  }

  function remove(): void {
    const next = views.filter((v) => v.name !== current);
    storeViews(next);
    setViews(next);
    setCurrent(undefined);
  }

  return (
    <Flex gap={8} wrap align="center">
      <Select
        aria-label={t('accounts.savedViews')}
        style={{ minWidth: 200 }}
        placeholder={t('accounts.savedViewsPlaceholder')}
        value={current}
        onChange={(name: string) => {
          setCurrent(name);
          const view = views.find((v) => v.name === name);
          if (view) onApply(view.criteria);
        }}
        options={views.map((v) => ({ value: v.name, label: v.name }))}
      />
      <Button icon={<SaveOutlined />} onClick={() => setSaving(true)}>
        {t('accounts.saveView')}
      </Button>
      {current && (
        <Tooltip title={t('accounts.deleteView')}>
          <Button icon={<DeleteOutlined />} aria-label={t('accounts.deleteView')} onClick={remove} />
        </Tooltip>
      )}
      <Modal
        open={saving}
        title={t('accounts.saveViewTitle')}
        onCancel={() => setSaving(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="name"
            label={t('accounts.viewName')}
            rules={[{ required: true, whitespace: true, max: 100, message: t('accounts.viewNameRequired') }]}
            extra={t('accounts.viewsOnDevice')}
          >
            <Input autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
