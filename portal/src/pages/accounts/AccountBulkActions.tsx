import { Alert, Button, Flex, Form, Input, Modal, Progress, Select, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { usePortal } from '../../app/portal-context';
import { mayCall } from '../../auth/session';
import { describeError } from '../../graphql/errors';
import { AccountsBulkAssignMutation, AccountsBulkReleaseMutation, AccountsBulkTagMutation } from './accounts-queries';
import { AccountUserPicker } from './AccountUserPicker';
import type { AccountRow } from './AccountsTable';

type BulkKind = 'assign' | 'tag' | 'release';

/** The API takes at most this many accounts per bulk call. */
const CHUNK = 200;

interface BulkForm {
  ownerId?: string;
  tags?: string[];
  reason?: string;
}

interface BulkOutcome {
  done: number;
  failures: { name: string; reason: string }[];
  finished: boolean;
}

/** The selection's actions: assign, tag, return to the pool, one account at a time with progress and each failure. */
export function AccountBulkActions({
  selected,
  onClear,
  onDone,
}: {
  selected: AccountRow[];
  onClear(): void;
  onDone(): void;
}): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const client = useClient();
  const [kind, setKind] = useState<BulkKind | null>(null);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const [form] = Form.useForm<BulkForm>();
  const rows = selected;

  async function apply(values: BulkForm): Promise<void> {
    const failures: BulkOutcome['failures'] = [];
    const names = new Map(rows.map((r) => [r.id, r.name]));
    setOutcome({ done: 0, failures, finished: false });
    for (let start = 0; start < rows.length; start += CHUNK) {
      const ids = rows.slice(start, start + CHUNK).map((r) => r.id);
      const answer =
        kind === 'assign'
          ? await client.mutation(AccountsBulkAssignMutation, { ids, ownerId: values.ownerId ?? '' }).toPromise()
          : kind === 'tag'
            ? await client.mutation(AccountsBulkTagMutation, { ids, add: values.tags ?? [] }).toPromise()
            : await client.mutation(AccountsBulkReleaseMutation, { ids, reason: values.reason ?? '' }).toPromise();
      const data = answer.data;
      const result = !data
        ? undefined
        : 'bulkAssignAccounts' in data
          ? data.bulkAssignAccounts
          : 'bulkTagAccounts' in data
            ? data.bulkTagAccounts
            : data.bulkReleaseAccounts;
      if (!result) {
        // The whole call failed (network, or refused for the caller): every account of it stays as it was.
        const reason = answer.error ? describeError(answer.error, t) : t('errors.network');
        for (const id of ids) failures.push({ name: names.get(id) ?? id, reason });
      } else {
        for (const f of result.failed) failures.push({ name: names.get(f.id) ?? f.id, reason: f.message });
      }
      setOutcome({ done: Math.min(start + CHUNK, rows.length), failures: [...failures], finished: false });
    }
    setOutcome({ done: rows.length, failures, finished: true });
    onDone();
  }

  function close(): void {
    if (outcome?.finished) onClear();
    setKind(null);
    setOutcome(null);
    form.resetFields();
  }

  const running = outcome !== null && !outcome.finished;
  const title =
    kind === 'assign'
      ? t('accounts.bulkAssignTitle', { count: rows.length })
      : kind === 'tag'
        ? t('accounts.bulkTagTitle', { count: rows.length })
        : t('accounts.bulkReleaseTitle', { count: rows.length });

  return (
    <>
      <Flex wrap gap={8} align="center" role="toolbar" aria-label={t('accounts.selected', { count: rows.length })}>
        <Typography.Text strong>{t('accounts.selected', { count: rows.length })}</Typography.Text>
        {mayCall(user, 'Mutation.bulkAssignAccounts') && (
          <Button onClick={() => setKind('assign')}>{t('accounts.bulkAssign')}</Button>
        )}
        {mayCall(user, 'Mutation.bulkTagAccounts') && (
          <Button onClick={() => setKind('tag')}>{t('accounts.bulkTag')}</Button>
        )}
        {mayCall(user, 'Mutation.bulkReleaseAccounts') && (
          <Button onClick={() => setKind('release')}>{t('accounts.bulkRelease')}</Button>
        )}
        <Button type="link" onClick={onClear}>
          {t('accounts.clearSelection')}
        </Button>
      </Flex>
      <Modal
        open={kind !== null}
        title={title}
        onCancel={running ? undefined : close}
        closable={!running}
        mask={{ closable: !running }}
        footer={
          outcome?.finished ? (
            <Button type="primary" onClick={close}>
              {t('common.close')}
            </Button>
          ) : (
            <Flex justify="end" gap={8}>
              <Button onClick={close} disabled={running}>
                {t('common.cancel')}
              </Button>
              <Button type="primary" loading={running} onClick={() => form.submit()}>
                {t('accounts.bulkApply')}
              </Button>
            </Flex>
          )
        }
      >
        {outcome ? (
          <BulkProgress outcome={outcome} total={rows.length} />
        ) : (
          <Form form={form} layout="vertical" onFinish={(v) => void apply(v)}>
            {kind === 'assign' && (
              <Form.Item
                name="ownerId"
                label={t('accounts.bulkAssignTo')}
                rules={[{ required: true, message: t('accounts.bulkOwnerRequired') }]}
              >
                <AccountUserPicker />
              </Form.Item>
            )}
            {kind === 'tag' && (
              <Form.Item
                name="tags"
                label={t('accounts.tags')}
                rules={[{ required: true, type: 'array', min: 1, message: t('accounts.bulkTagsRequired') }]}
              >
                <Select mode="tags" open={false} suffix={null} placeholder={t('accounts.tagsPlaceholder')} />
              </Form.Item>
            )}
            {kind === 'release' && (
              <Form.Item
                name="reason"
                label={t('accounts.bulkReleaseReason')}
                rules={[{ required: true, whitespace: true, max: 1000, message: t('accounts.bulkReasonRequired') }]}
              >
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
            )}
          </Form>
        )}
      </Modal>
    </>
  );
}

/** How far a bulk action got, and each account it could not change with the service's reason. */
export function BulkProgress({ outcome, total }: { outcome: BulkOutcome; total: number }): ReactNode {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12}>
      <Progress
        percent={Math.round((outcome.done / Math.max(total, 1)) * 100)}
        status={outcome.finished ? (outcome.failures.length ? 'exception' : 'success') : 'active'}
        aria-label={t('accounts.bulkProgress', { done: outcome.done, total })}
      />
      <Typography.Text role="status">
        {outcome.finished
          ? t('accounts.bulkDone', { ok: total - outcome.failures.length, total })
          : t('accounts.bulkProgress', { done: outcome.done, total })}
      </Typography.Text>
      {outcome.failures.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('accounts.bulkFailures')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {outcome.failures.map((f, i) => (
                <li key={`${f.name}-${i}`}>{t('accounts.bulkFailureLine', { name: f.name, reason: f.reason })}</li>
              ))}
            </ul>
          }
        />
      )}
    </Flex>
  );
}
