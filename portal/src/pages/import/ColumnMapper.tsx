import { Alert, Button, Card, Flex, Grid, Select, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvPreview } from './csv-file';
import {
  hasRoomFor,
  importFields,
  missingRequired,
  requiredOneOf,
  rewrittenHeader,
  type ColumnChoice,
  type ImportField,
  type ImportKind,
} from './import-fields';

export interface CustomFieldOption {
  key: string;
  label: string;
}

export interface ColumnMapperProps {
  kind: ImportKind;
  preview: Pick<CsvPreview, 'headers' | 'rows'>;
  /** Column index → field; starts as the service's own match of the headers. */
  choice: ColumnChoice;
  customFields: readonly CustomFieldOption[];
  /** What the service said of a column (a second column for a field, an unknown custom field), by column index. */
  notes?: readonly (string | null)[];
  onChange(choice: ColumnChoice): void;
  /** The mapping is complete: the header row the file is sent with. */
  onSubmit(mapping: { choice: ColumnChoice; header: string }): void;
  onBack(): void;
}

interface MapperRow {
  index: number;
  header: string;
  sample: string;
}

/** Column letter as spreadsheets show it: 0 → A, 26 → AA. */
function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** The mapping step: each CSV column and the field it fills, required fields flagged, Next only when complete. */
export function ColumnMapper(props: ColumnMapperProps): ReactNode {
  const { kind, preview, choice, customFields, notes, onChange, onSubmit, onBack } = props;
  const { t } = useTranslation();
  // Phones get one card per column: a four-column table would hide the field choice off-screen.
  const phone = Grid.useBreakpoint().md === false;
  const customKeys = customFields.map((f) => f.key);
  const fields = importFields(kind, customKeys);
  const oneOf = requiredOneOf(kind);
  const labelOf = (field: string): string => {
    if (field.startsWith('customFields.')) {
      const key = field.slice('customFields.'.length);
      return t('import.customField', { label: customFields.find((f) => f.key === key)?.label ?? key });
    }
    return t(`import.fields.${kind}.${field}` as 'import.fields.accounts.name');
  };
  const missing = missingRequired(kind, choice);
  const complete = missing.fields.length === 0 && missing.oneOf === null;

  const optionLabel = (field: ImportField): ReactNode => (
    <span>
      {labelOf(field.field)}
      {(field.required || oneOf.includes(field.field)) && (
        <Tag color="red" style={{ marginInlineStart: 8 }}>
          {t('import.required')}
        </Tag>
      )}
    </span>
  );

  const fieldSelect = (row: MapperRow): ReactNode => (
    <Flex vertical gap={4}>
      <Select<string>
        aria-label={t('import.fieldFor', { header: row.header || columnLetter(row.index) })}
        style={{ width: '100%' }}
        showSearch={{ optionFilterProp: 'title' }}
        value={choice[row.index] ?? ''}
        onChange={(value) => {
          const next = [...choice];
          next[row.index] = value === '' ? null : value;
          onChange(next);
        }}
        options={[
          { value: '', label: t('import.notImported'), title: t('import.notImported') },
          ...fields.map((field) => ({
            value: field.field,
            title: labelOf(field.field),
            label: optionLabel(field),
            disabled: choice[row.index] !== field.field && !hasRoomFor(field, choice),
          })),
        ]}
      />
      {notes?.[row.index] && choice[row.index] !== null && (
        <Typography.Text type="secondary">{notes[row.index]}</Typography.Text>
      )}
    </Flex>
  );

  const rows: MapperRow[] = preview.headers.map((header, index) => ({
    index,
    header,
    sample: preview.rows
      .map((row) => row[index] ?? '')
      .filter((v) => v.trim() !== '')
      .slice(0, 3)
      .join(' · '),
  }));

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph>{t('import.mappingIntro')}</Typography.Paragraph>
      {missing.fields.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('import.missingRequired', { fields: missing.fields.map(labelOf).join(', ') })}
        />
      )}
      {missing.oneOf && (
        <Alert
          type="warning"
          showIcon
          title={t('import.missingOneOf', { fields: missing.oneOf.map(labelOf).join(', ') })}
        />
      )}
      {phone ? (
        <Flex vertical gap={8}>
          {rows.map((row) => (
            <Card key={row.index} size="small" title={`${columnLetter(row.index)} · ${row.header}`}>
              <Typography.Paragraph type="secondary" ellipsis>
                {row.sample || '—'}
              </Typography.Paragraph>
              {fieldSelect(row)}
            </Card>
          ))}
        </Flex>
      ) : (
        <Table<MapperRow>
          rowKey="index"
          size="small"
          pagination={false}
          scroll={{ x: 640 }}
          dataSource={rows}
          columns={[
            { title: t('import.column'), key: 'column', width: 80, render: (_, row) => columnLetter(row.index) },
            { title: t('import.header'), dataIndex: 'header', key: 'header' },
            {
              title: t('import.sample'),
              dataIndex: 'sample',
              key: 'sample',
              ellipsis: true,
              render: (sample: string) => <Typography.Text type="secondary">{sample || '—'}</Typography.Text>,
            },
            {
              title: t('import.field'),
              key: 'field',
              width: 260,
              render: (_, row) => fieldSelect(row),
            },
          ]}
        />
      )}
      <Flex gap={8} justify="flex-end" wrap>
        <Button onClick={onBack}>{t('import.back')}</Button>
        <Button
          type="primary"
          disabled={!complete}
          onClick={() => onSubmit({ choice, header: rewrittenHeader(kind, choice, customKeys) })}
        >
          {t('import.next')}
        </Button>
      </Flex>
    </Flex>
  );
}
