import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Flex, Form, Input, Modal, Select, Tooltip } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { usePortal } from '../../app/portal-context';
import { hasRole } from '../../auth/session';
import { QueryError } from '../../components/QueryError';
import { useAllPages } from '../../components/use-all-pages';
import { useErrorToast } from '../../components/use-error-toast';
import { criteriaOfView, toAccountFilter, toAccountSort, type AccountCriteria } from './account-criteria';
import { AccountsDeleteViewMutation, AccountsSaveViewMutation, AccountsSavedViewsQuery } from './accounts-queries';

const NO_VARIABLES = {};

/** Pick, save (own or shared to everyone) and delete named filter sets of the accounts list. */
export function SavedAccountViews({
  criteria,
  onApply,
}: {
  criteria: AccountCriteria;
  onApply(criteria: AccountCriteria): void;
}): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const { message } = App.useApp();
  const showError = useErrorToast();
  // Every view the picker may offer: the caller's own and everyone's shared ones, page after page.
  const {
    rows: views,
    error,
    refresh,
  } = useAllPages(AccountsSavedViewsQuery, NO_VARIABLES, (d) => d.savedAccountViews);
  const [saveState, save] = useMutation(AccountsSaveViewMutation);
  const [, remove] = useMutation(AccountsDeleteViewMutation);
  const [current, setCurrent] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string; shared?: boolean }>();
  const chosen = views.find((v) => v.id === current);
  const mayDelete = !!chosen && (chosen.ownerId === user.id || hasRole(user, 'crm-admin'));

  async function submit({ name, shared }: { name: string; shared?: boolean }): Promise<void> {
    const own = views.find((v) => v.ownerId === user.id && v.name.toLowerCase() === name.trim().toLowerCase());
    const result = await save({
      input: {
        id: own?.id,
        name: name.trim(),
        search: criteria.search.trim() || null,
        filter: toAccountFilter(criteria, false),
        sort: toAccountSort(criteria),
        shared: !!shared,
      },
    });
    if (!result.data) return;
    setCurrent(result.data.saveAccountView.id);
    setSaving(false);
    form.resetFields();
    refresh();
    void message.success(t('accounts.viewSaved', { name: name.trim() }));
  }

  async function deleteChosen(): Promise<void> {
    if (!chosen) return;
    const result = await remove({ id: chosen.id });
    if (result.error) return showError(result.error);
    setCurrent(undefined);
    refresh();
  }

  return (
    <Flex gap={8} wrap align="center">
      {error && <QueryError error={error} />}
      <Select
        aria-label={t('accounts.savedViews')}
        style={{ minWidth: 200 }}
        placeholder={t('accounts.savedViewsPlaceholder')}
        value={current}
        onChange={(id: string) => {
          setCurrent(id);
          const view = views.find((v) => v.id === id);
          if (view) onApply(criteriaOfView(view));
        }}
        options={views.map((v) => ({
          value: v.id,
          label: v.shared && v.ownerId !== user.id ? t('accounts.sharedView', { name: v.name }) : v.name,
        }))}
      />
      <Button icon={<SaveOutlined />} onClick={() => setSaving(true)}>
        {t('accounts.saveView')}
      </Button>
      {mayDelete && (
        <Tooltip title={t('accounts.deleteView')}>
          <Button icon={<DeleteOutlined />} aria-label={t('accounts.deleteView')} onClick={() => void deleteChosen()} />
        </Tooltip>
      )}
      <Modal
        open={saving}
        title={t('accounts.saveViewTitle')}
        onCancel={() => setSaving(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saveState.fetching}
        destroyOnHidden
      >
        {saveState.error && <QueryError error={saveState.error} />}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item
            name="name"
            label={t('accounts.viewName')}
            rules={[{ required: true, whitespace: true, max: 100, message: t('accounts.viewNameRequired') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="shared" valuePropName="checked">
            <Checkbox>{t('accounts.shareView')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
