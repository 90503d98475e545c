import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Radio, Select, Steps, Typography, Upload } from 'antd';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePortal } from '../../app/portal-context';
import { mayCall } from '../../auth/session';
import { NoAccess } from '../../components/QueryError';
import { useAllPages } from '../../components/use-all-pages';
import { formatNumber } from '../../format/format';
import { withReference } from '../../graphql/errors';
import { graphql } from '../../graphql/gen';
import { ColumnMapper } from './ColumnMapper';
import { previewCsv, withHeader, type CsvEncoding, type CsvPreview } from './csv-file';
import { choiceFromReport, type ColumnChoice, type ImportKind } from './import-fields';
import { ImportProgress } from './ImportProgress';
import { ImportReportView } from './ImportReportView';
import { ImportRequestError, sendImport, type ImportPolicy, type ImportReport } from './import-upload';

const ImportCustomFieldsQuery = graphql(`
  query ImportCustomFields($objectType: CustomObjectType!, $first: Int, $after: String) {
    customFieldDefinitions(objectType: $objectType, first: $first, after: $after) {
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          key
          label
        }
      }
    }
  }
`);

type Step = 'file' | 'mapping' | 'dryRun' | 'apply';
const STEPS: Step[] = ['file', 'mapping', 'dryRun', 'apply'];

interface UploadState {
  /** null while the server works after the last byte went up. */
  percent: number | null;
  abort(): void;
}

/** The CSV import wizard: file, column mapping, a dry run of errors and duplicates, then the import with progress. */
function ImportWizard(): ReactNode {
  const { t } = useTranslation();
  const { session, locale } = usePortal();
  const navigate = useNavigate();
  const [step, setStep] = useState<Step>('file');
  const [kind, setKind] = useState<ImportKind>('accounts');
  const [encoding, setEncoding] = useState<CsvEncoding | 'auto'>('auto');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [choice, setChoice] = useState<ColumnChoice>([]);
  const [notes, setNotes] = useState<(string | null)[]>([]);
  const [header, setHeader] = useState('');
  const [policy, setPolicy] = useState<ImportPolicy>('skip');
  const [upload, setUpload] = useState<UploadState | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [matching, setMatching] = useState(false);
  const run = useRef(0);
  const objectType = kind === 'accounts' ? 'ACCOUNT' : 'CONTACT';
  const customVariables = useMemo(() => ({ objectType }) as const, [objectType]);
  // Every custom field of the object is a mapping target, so all pages are read.
  const { rows: customDefinitions } = useAllPages(
    ImportCustomFieldsQuery,
    customVariables,
    (d) => d.customFieldDefinitions,
  );
  const customFields = customDefinitions.map((d) => ({ key: d.key, label: d.label }));

  const describe = (error: unknown): string => {
    if (error instanceof ImportRequestError) {
      if (error.message === 'aborted') return t('import.cancelled');
      if (error.status === 403) return withReference(t('import.forbidden'), error.reference, t);
      if (error.status === 0) return withReference(t('import.networkFailed'), error.reference, t);
      return withReference(t('import.requestFailed', { message: error.message }), error.reference, t);
    }
    return t('import.requestFailed', { message: error instanceof Error ? error.message : String(error) });
  };

  async function send(body: Blob, dryRun: boolean, sendPolicy: ImportPolicy, csvEncoding: CsvEncoding) {
    const token = await session.freshToken();
    const request = sendImport({
      kind,
      body,
      dryRun,
      policy: sendPolicy,
      encoding: csvEncoding,
      token,
      onUpload: (sent, total) => setUpload((u) => u && { ...u, percent: sent >= total ? null : (sent / total) * 100 }),
    });
    setUpload({ percent: 0, abort: request.abort });
    try {
      return await request.done;
    } finally {
      setUpload(null);
    }
  }

  async function choose(chosen: File) {
    const mine = ++run.current;
    setProblem(null);
    setReport(null);
    let read: CsvPreview;
    try {
      read = await previewCsv(chosen, encoding);
    } catch (error) {
      setProblem(t('import.unreadable', { message: error instanceof Error ? error.message : String(error) }));
      return;
    }
    if (read.headers.every((h) => h === '')) {
      setProblem(t('import.noHeader'));
      return;
    }
    setFile(chosen);
    setPreview(read);
    setMatching(true);
    // The service matches headers (English and Chinese names) itself: a dry run of the header row alone says how.
    try {
      const matched = await send(chosen.slice(0, read.headerBytes), true, 'skip', read.encoding);
      if (mine !== run.current) return;
      const customKeys = customFields.map((f) => f.key);
      setChoice(choiceFromReport(kind, read.headers.length, matched.columns, customKeys));
      setNotes(read.headers.map((_, i) => matched.columns.find((c) => c.column === i + 1)?.note ?? null));
    } catch (error) {
      if (mine !== run.current) return;
      setChoice(read.headers.map(() => null));
      setNotes([]);
      setProblem(t('import.matchFailed', { message: describe(error) }));
    } finally {
      setMatching(false);
    }
    setStep('mapping');
  }

  async function check(apply: boolean) {
    if (!file || !preview) return;
    setProblem(null);
    try {
      const result = await send(withHeader(file, preview, header), !apply, policy, preview.encoding);
      setReport(result);
      if (apply) setStep('apply');
    } catch (error) {
      setProblem(describe(error));
    }
  }

  function startOver() {
    run.current++;
    setStep('file');
    setFile(null);
    setPreview(null);
    setReport(null);
    setProblem(null);
  }

  const headerOf = (serviceHeader: string): string => {
    const index = header.split(',').indexOf(serviceHeader);
    return index >= 0 && preview ? preview.headers[index] || serviceHeader : serviceHeader;
  };

  const progress = upload && <ImportProgress percent={upload.percent} onCancel={upload.abort} />;

  return (
    <>
      <Typography.Title level={2}>{t('import.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('import.intro')}</Typography.Paragraph>
      <Steps
        style={{ marginBottom: 24 }}
        size="small"
        current={STEPS.indexOf(step)}
        items={STEPS.map((s) => ({ title: t(`import.steps.${s}`) }))}
      />
      {problem && <Alert style={{ marginBottom: 16 }} type="error" showIcon title={problem} />}
      <Card>
        {step === 'file' && (
          <Form layout="vertical">
            <Form.Item label={t('import.kind')}>
              <Radio.Group
                aria-label={t('import.kind')}
                value={kind}
                onChange={(e) => setKind(e.target.value as ImportKind)}
                options={[
                  { value: 'accounts', label: t('import.kinds.accounts') },
                  { value: 'contacts', label: t('import.kinds.contacts') },
                ]}
              />
            </Form.Item>
            <Form.Item label={t('import.encoding')} htmlFor="import-encoding">
              <Select<CsvEncoding | 'auto'>
                id="import-encoding"
                style={{ maxWidth: 280 }}
                value={encoding}
                onChange={setEncoding}
                options={(['auto', 'utf-8', 'gbk'] as const).map((e) => ({
                  value: e,
                  label: t(`import.encodings.${e}`),
                }))}
              />
            </Form.Item>
            <Upload.Dragger
              accept=".csv,text/csv"
              multiple={false}
              showUploadList={false}
              disabled={matching}
              beforeUpload={(chosen) => {
                void choose(chosen);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('import.drop')}</p>
              <p className="ant-upload-hint">{t('import.dropHint')}</p>
            </Upload.Dragger>
            {matching && (
              <Flex vertical gap={8} style={{ marginTop: 16 }}>
                <Typography.Text>{t('import.matching')}</Typography.Text>
                {progress}
              </Flex>
            )}
          </Form>
        )}
        {step === 'mapping' && preview && file && (
          <>
            <Typography.Paragraph strong>
              {t('import.fileSummary', {
                name: file.name,
                size: `${formatNumber(Math.ceil(file.size / 1024), locale)} KB`,
                encoding: preview.encoding.toUpperCase(),
              })}
            </Typography.Paragraph>
            <ColumnMapper
              kind={kind}
              preview={preview}
              choice={choice}
              customFields={customFields}
              notes={notes}
              onChange={setChoice}
              onBack={startOver}
              onSubmit={(mapping) => {
                setHeader(mapping.header);
                setReport(null);
                setStep('dryRun');
              }}
            />
          </>
        )}
        {step === 'dryRun' && (
          <Flex vertical gap={16}>
            <Typography.Paragraph>{t('import.dryRunIntro')}</Typography.Paragraph>
            <Form layout="vertical">
              <Form.Item label={t('import.policy')}>
                <Radio.Group
                  aria-label={t('import.policy')}
                  value={policy}
                  disabled={!!upload}
                  onChange={(e) => {
                    setPolicy(e.target.value as ImportPolicy);
                    setReport(null);
                  }}
                  options={(['skip', 'update', 'create'] as const).map((p) => ({
                    value: p,
                    label: t(`import.policies.${p}`),
                  }))}
                />
              </Form.Item>
            </Form>
            {progress}
            {report?.dryRun && <ImportReportView report={report} headerOf={headerOf} />}
            <Flex gap={8} justify="flex-end" wrap>
              <Button disabled={!!upload} onClick={() => setStep('mapping')}>
                {t('import.back')}
              </Button>
              <Button type={report ? 'default' : 'primary'} disabled={!!upload} onClick={() => void check(false)}>
                {t('import.runDryRun')}
              </Button>
              {report?.dryRun && (
                <Button type="primary" disabled={!!upload} onClick={() => void check(true)}>
                  {report.failed > 0 ? t('import.applyAnyway') : t('import.apply')}
                </Button>
              )}
            </Flex>
          </Flex>
        )}
        {step === 'apply' && report && (
          <Flex vertical gap={16}>
            <Alert
              type={report.failed > 0 ? 'warning' : 'success'}
              showIcon
              title={t('import.done', {
                created: report.created,
                updated: report.updated,
                skipped: report.skipped,
                failed: report.failed,
                seconds: formatNumber(Math.round(report.durationMs / 100) / 10, locale),
              })}
            />
            <ImportReportView report={report} headerOf={headerOf} />
            <Flex gap={8} justify="flex-end" wrap>
              <Button onClick={startOver}>{t('import.startOver')}</Button>
              {kind === 'accounts' && (
                <Button type="primary" onClick={() => void navigate('/accounts')}>
                  {t('import.openAccounts')}
                </Button>
              )}
            </Flex>
          </Flex>
        )}
      </Card>
    </>
  );
}

/** The import wizard for those the customer service lets create accounts (its import routes share that rule). */
export function ImportPage(): ReactNode {
  const { user } = usePortal();
  return mayCall(user, 'Mutation.createAccount') ? <ImportWizard /> : <NoAccess />;
}
