import { Button, Checkbox, Flex, Form, Input, InputNumber, Segmented, Select, Table, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { useCursorPages } from '../../components/CursorPager';
import { PagedListFooter } from '../../components/PagedListFooter';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format/format';
import type { AdminCustomFieldsQuery as Data, CustomFieldType, CustomObjectType } from '../../graphql/gen/graphql';
import {
  AdminArchiveCustomFieldMutation,
  AdminCustomFieldsQuery,
  AdminDefineCustomFieldMutation,
  AdminUnarchiveCustomFieldMutation,
} from './custom-field-queries';
import { EditorModal } from './EditorModal';

type Definition = Data['customFieldDefinitions']['edges'][number]['node'];
const TYPES: CustomFieldType[] = [
  'TEXT',
  'NUMBER',
  'DECIMAL',
  'DATE',
  'BOOLEAN',
  'SELECT',
  'MULTISELECT',
  'EMAIL',
  'URL',
];

interface DefineValues {
  key: string;
  label: string;
  type: CustomFieldType;
  required: boolean;
  options: string[];
  min: number | null;
  max: number | null;
  maxLength: number | null;
  pattern: string;
}

function DefineFieldModal({
  objectType,
  onClose,
}: {
  objectType: CustomObjectType;
  onClose(saved: boolean): void;
}): ReactNode {
  const { t } = useTranslation();
  const [form] = Form.useForm<DefineValues>();
  const [defined, define] = useMutation(AdminDefineCustomFieldMutation);
  const type = Form.useWatch('type', form) ?? 'TEXT';
  const hasOptions = type === 'SELECT' || type === 'MULTISELECT';
  const isNumber = type === 'NUMBER' || type === 'DECIMAL';
  const isText = type === 'TEXT';

  async function save(values: DefineValues) {
    const result = await define({
      input: {
        objectType,
        key: values.key.trim(),
        label: values.label.trim(),
        type: values.type,
        required: values.required,
        options: hasOptions ? values.options : null,
        min: isNumber ? values.min : null,
        max: isNumber ? values.max : null,
        maxLength: isText ? values.maxLength : null,
        pattern: isText && values.pattern.trim() ? values.pattern.trim() : null,
      },
    });
    if (!result.error) onClose(true);
  }

  return (
    <EditorModal
      width={520}
      title={t('admin.fields.defineTitle', { object: t(`admin.fields.objects.${objectType}`) })}
      saving={defined.fetching}
      error={defined.error}
      onSave={() => form.submit()}
      onCancel={() => onClose(false)}
    >
      <Form<DefineValues>
        form={form}
        layout="vertical"
        initialValues={{
          type: 'TEXT',
          required: false,
          options: [],
          pattern: '',
          min: null,
          max: null,
          maxLength: null,
        }}
        onFinish={(v) => void save(v)}
      >
        <Form.Item
          name="key"
          label={t('admin.fields.key')}
          extra={t('admin.fields.keyHint')}
          rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,62}$/, message: t('admin.fields.keyRule') }]}
        >
          <Input maxLength={63} />
        </Form.Item>
        <Form.Item name="label" label={t('admin.fields.label')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="type" label={t('admin.fields.type')}>
          <Select options={TYPES.map((v) => ({ value: v, label: t(`admin.fields.types.${v}`) }))} />
        </Form.Item>
        <Form.Item name="required" valuePropName="checked">
          <Checkbox>{t('admin.fields.requiredField')}</Checkbox>
        </Form.Item>
        {hasOptions && (
          <Form.Item
            name="options"
            label={t('admin.fields.options')}
            extra={t('admin.fields.optionsHint')}
            rules={[{ required: true, type: 'array', min: 1, message: t('admin.fields.optionsRule') }]}
          >
            <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} />
          </Form.Item>
        )}
        {isNumber && (
          <Flex gap={16}>
            <Form.Item name="min" label={t('admin.fields.min')}>
              <InputNumber />
            </Form.Item>
            <Form.Item name="max" label={t('admin.fields.max')}>
              <InputNumber />
            </Form.Item>
          </Flex>
        )}
        {isText && (
          <>
            <Form.Item name="maxLength" label={t('admin.fields.maxLength')}>
              <InputNumber min={1} max={10000} />
            </Form.Item>
            <Form.Item name="pattern" label={t('admin.fields.pattern')} extra={t('admin.fields.patternHint')}>
              <Input maxLength={500} />
            </Form.Item>
          </>
        )}
      </Form>
    </EditorModal>
  );
}

/** Custom fields of accounts and contacts, archived ones included: define, archive, bring back. */
export function CustomFieldsTab(): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const [objectType, setObjectType] = useState<CustomObjectType>('ACCOUNT');
  const [defining, setDefining] = useState(false);
  const pages = useCursorPages();
  const [{ data, error, fetching }, reload] = useQuery({
    query: AdminCustomFieldsQuery,
    variables: { objectType, after: pages.after },
  });
  const connection = data?.customFieldDefinitions;
  const [archived, archive] = useMutation(AdminArchiveCustomFieldMutation);
  const [unarchived, unarchive] = useMutation(AdminUnarchiveCustomFieldMutation);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const changeError = archived.error ?? unarchived.error;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" wrap gap={8}>
        <Segmented<CustomObjectType>
          aria-label={t('admin.fields.object')}
          value={objectType}
          onChange={(next) => {
            setObjectType(next);
            pages.reset();
          }}
          options={(['ACCOUNT', 'CONTACT'] as const).map((o) => ({ value: o, label: t(`admin.fields.objects.${o}`) }))}
        />
        <Button type="primary" onClick={() => setDefining(true)}>
          {t('admin.fields.define')}
        </Button>
      </Flex>
      {changeError && <QueryError error={changeError} />}
      {error ? (
        <QueryError error={error} retry={refresh} />
      ) : fetching && !data ? (
        <PageSkeleton rows={6} />
      ) : (
        <Table<Definition>
          rowKey="id"
          size="small"
          scroll={{ x: 820 }}
          pagination={false}
          locale={{ emptyText: t('admin.fields.none') }}
          dataSource={connection?.edges.map((e) => e.node) ?? []}
          columns={[
            { title: t('admin.fields.label'), dataIndex: 'label', key: 'label' },
            { title: t('admin.fields.key'), dataIndex: 'key', key: 'key', render: (k: string) => <code>{k}</code> },
            {
              title: t('admin.fields.type'),
              dataIndex: 'type',
              key: 'type',
              render: (type: CustomFieldType) => t(`admin.fields.types.${type}`),
            },
            {
              title: t('admin.fields.rules'),
              key: 'rules',
              render: (_, d) => (
                <Flex wrap gap={4}>
                  {d.required && <Tag color="red">{t('admin.fields.requiredField')}</Tag>}
                  {d.options?.map((o) => (
                    <Tag key={o}>{o}</Tag>
                  ))}
                  {d.min != null && <Tag>{t('admin.fields.minValue', { value: d.min })}</Tag>}
                  {d.max != null && <Tag>{t('admin.fields.maxValue', { value: d.max })}</Tag>}
                  {d.maxLength != null && <Tag>{t('admin.fields.maxLengthValue', { value: d.maxLength })}</Tag>}
                  {d.pattern && (
                    <Tag color={d.patternEnforced === false ? 'red' : undefined}>
                      {d.patternEnforced === false
                        ? t('admin.fields.patternNotEnforced', { pattern: d.pattern })
                        : t('admin.fields.patternValue', { pattern: d.pattern })}
                    </Tag>
                  )}
                </Flex>
              ),
            },
            {
              title: t('admin.fields.status'),
              key: 'status',
              render: (_, d) =>
                d.archivedAt ? (
                  <Tag>{t('admin.fields.archivedAt', { at: formatDateTime(d.archivedAt, locale, timeZone) })}</Tag>
                ) : (
                  <Tag color="blue">{t('admin.fields.inForce')}</Tag>
                ),
            },
            {
              title: t('admin.actions'),
              key: 'actions',
              render: (_, d) =>
                d.archivedAt ? (
                  <Button
                    size="small"
                    onClick={async () => {
                      const result = await unarchive({ id: d.id });
                      if (!result.error) refresh();
                    }}
                  >
                    {t('admin.fields.unarchive')}
                  </Button>
                ) : (
                  <Button
                    size="small"
                    onClick={async () => {
                      const result = await archive({ id: d.id });
                      if (!result.error) refresh();
                    }}
                  >
                    {t('admin.fields.archive')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      {connection && <PagedListFooter connection={connection} pages={pages} />}
      {defining && (
        <DefineFieldModal
          objectType={objectType}
          onClose={(saved) => {
            setDefining(false);
            if (saved) refresh();
          }}
        />
      )}
    </Flex>
  );
}
