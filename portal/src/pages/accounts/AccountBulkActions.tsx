import { Alert, Button, Flex, Form, Input, Modal, Progress, Radio, Select, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, type CombinedError } from 'urql';
import { usePortal } from '../../app/portal-context';
import { describeError } from '../../graphql/errors';
import { AccountsAssignMutation, AccountsReleaseMutation, AccountsTagMutation } from './accounts-queries';
import type { AccountRow } from './AccountsTable';

type BulkKind = 'assign' | 'tag' | 'release';

interface BulkForm {
  ownerChoice?: 'me' | 'other';
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
  const ownerChoice = Form.useWatch('ownerChoice', form);
  const rows = selected;

  async function apply(values: BulkForm): Promise<void> {
    const failures: BulkOutcome['failures'] = [];
    setOutcome({ done: 0, failures, finished: false });
    for (const [index, row] of rows.entries()) {
      let error: CombinedError | undefined;
      if (kind === 'assign') {
        const ownerId = values.ownerChoice === 'me' ? user.id : (values.ownerId ?? '').trim();
        ({ error } = await client
          .mutation(AccountsAssignMutation, { id: row.id, ownerId, expectedVersion: row.version })
          .toPromise());
      } else if (kind === 'tag') {
        const tags = [...new Set([...row.tags, ...(values.tags ?? [])])];
        ({ error } = await client
          .mutation(AccountsTagMutation, { id: row.id, tags, expectedVersion: row.version })
          .toPromise());
      } else {
        ({ error } = await client
          .mutation(AccountsReleaseMutation, { accountId: row.id, reason: values.reason ?? '' })
          .toPromise());
      }
      if (error) failures.push({ name: row.name, reason: describeError(error, t) });
      setOutcome({ done: index + 1, failures: [...failures], finished: false });
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
        <Button onClick={() => setKind('assign')}>{t('accounts.bulkAssign')}</Button>
        <Button onClick={() => setKind('tag')}>{t('accounts.bulkTag')}</Button>
        <Button onClick={() => setKind('release')}>{t('accounts.bulkRelease')}</Button>
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
          <Form form={form} layout="vertical" onFinish={(v) => void apply(v)} initialValues={{ ownerChoice: 'me' }}>
            {kind === 'assign' && (
              <>
                <Form.Item name="ownerChoice" label={t('accounts.bulkAssignTo')}>
                  <Radio.Group
                    options={[
                      { value: 'me', label: t('accounts.bulkAssignToMe') },
                      { value: 'other', label: t('accounts.bulkAssignOtherId') },
                    ]}
                  />
                </Form.Item>
                {ownerChoice === 'other' && (
                  <Form.Item
                    name="ownerId"
                    label={t('accounts.bulkAssignOtherId')}
                    rules={[{ required: true, whitespace: true, message: t('accounts.bulkOwnerRequired') }]}
                  >
                    <Input autoComplete="off" />
                  </Form.Item>
                )}
              </>
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
