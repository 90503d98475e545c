import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Flex, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import type { ForecastCategory, StageKind } from '../../graphql/gen/graphql';
import { AdminCreatePipelineMutation, AdminUpdatePipelineMutation, type AdminPipeline } from './pipeline-queries';
import { EditorModal } from './EditorModal';

/** The fields a deal may be required to have before it enters a stage (sales-pipeline's entryCriteriaFields). */
export const ENTRY_CRITERIA = [
  'amount',
  'expectedCloseDate',
  'nextStep',
  'contactRoles',
  'lineItems',
  'competitors',
  'primaryContact',
  'description',
] as const;
const KINDS: StageKind[] = ['OPEN', 'WON', 'LOST'];
const CATEGORIES: ForecastCategory[] = ['PIPELINE', 'BEST_CASE', 'COMMIT', 'CLOSED', 'OMITTED'];

interface StageValues {
  id?: string;
  name: string;
  kind: StageKind;
  probability: string;
  forecastCategory: ForecastCategory;
  entryCriteria: string[];
  idleDays: number | null;
}

interface PipelineValues {
  name: string;
  businessLine: string;
  isDefault: boolean;
  stages: StageValues[];
}

const NEW_PIPELINE: PipelineValues = {
  name: '',
  businessLine: '',
  isDefault: false,
  stages: [
    { name: '', kind: 'OPEN', probability: '10', forecastCategory: 'PIPELINE', entryCriteria: [], idleDays: 14 },
    { name: '', kind: 'WON', probability: '100', forecastCategory: 'CLOSED', entryCriteria: [], idleDays: null },
    { name: '', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED', entryCriteria: [], idleDays: null },
  ],
};

/** Creates a pipeline, or edits one's name and whole stage list (order, probability, entry criteria, idle days). */
export function PipelineEditor({
  pipeline,
  onClose,
}: {
  /** null: a new pipeline. */
  pipeline: AdminPipeline | null;
  onClose(saved: boolean): void;
}): ReactNode {
  const { t } = useTranslation();
  const [form] = Form.useForm<PipelineValues>();
  const [created, create] = useMutation(AdminCreatePipelineMutation);
  const [updated, update] = useMutation(AdminUpdatePipelineMutation);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const error = created.error ?? updated.error;
  const initial: PipelineValues = pipeline
    ? {
        name: pipeline.name,
        businessLine: pipeline.businessLine,
        isDefault: pipeline.isDefault,
        stages: pipeline.stages.map((s) => ({
          id: s.id,
          name: s.name,
          kind: s.kind,
          probability: s.probability,
          forecastCategory: s.forecastCategory,
          entryCriteria: [...s.entryCriteria],
          idleDays: s.idleDays ?? null,
        })),
      }
    : NEW_PIPELINE;

  // The form's own values (getFieldsValue(true)): onFinish would drop each stage's id, which has no input, and an
  // update without ids removes every stage and adds new ones, remapping all their deals.
  async function save(values: PipelineValues) {
    const stages = values.stages.map((s) => ({
      name: s.name.trim(),
      kind: s.kind,
      probability: String(s.probability).trim(),
      forecastCategory: s.forecastCategory,
      entryCriteria: s.entryCriteria,
      idleDays: s.kind === 'OPEN' ? (s.idleDays ?? null) : null,
    }));
    const common = { name: values.name.trim(), businessLine: values.businessLine.trim(), isDefault: values.isDefault };
    const result = pipeline
      ? await update({
          input: {
            ...common,
            id: pipeline.id,
            expectedVersion: pipeline.version,
            stages: stages.map((s, i) => ({ ...s, id: values.stages[i].id ?? null })),
          },
        })
      : await create({ input: { ...common, stages, idempotencyKey } });
    if (!result.error) onClose(true);
  }

  return (
    <EditorModal
      width={880}
      title={pipeline ? t('admin.pipelines.editTitle', { name: pipeline.name }) : t('admin.pipelines.createTitle')}
      saving={created.fetching || updated.fetching}
      error={error}
      onSave={() => form.submit()}
      onCancel={() => onClose(false)}
    >
      <Form<PipelineValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={() => void save(form.getFieldsValue(true) as PipelineValues)}
      >
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="name" label={t('admin.pipelines.name')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="businessLine"
              label={t('admin.pipelines.businessLine')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item name="isDefault" valuePropName="checked" label={t('admin.pipelines.default')}>
              <Checkbox>{t('admin.pipelines.isDefault')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        {pipeline && <Alert style={{ marginBottom: 16 }} type="info" showIcon title={t('admin.pipelines.remapHint')} />}
        <Form.List name="stages">
          {(fields, { add, remove, move }) => (
            <Flex vertical gap={8}>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  title={t('admin.pipelines.stageN', { n: index + 1 })}
                  extra={
                    <Space>
                      <Button
                        size="small"
                        icon={<ArrowUpOutlined />}
                        aria-label={t('admin.pipelines.moveUp', { n: index + 1 })}
                        disabled={index === 0}
                        onClick={() => move(index, index - 1)}
                      />
                      <Button
                        size="small"
                        icon={<ArrowDownOutlined />}
                        aria-label={t('admin.pipelines.moveDown', { n: index + 1 })}
                        disabled={index === fields.length - 1}
                        onClick={() => move(index, index + 1)}
                      />
                      <Button
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('admin.pipelines.removeStage', { n: index + 1 })}
                        onClick={() => remove(index)}
                      />
                    </Space>
                  }
                >
                  <Row gutter={12}>
                    <Col xs={24} md={8}>
                      <Form.Item
                        name={[field.name, 'name']}
                        label={t('admin.pipelines.stageName')}
                        rules={[{ required: true, whitespace: true }]}
                      >
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item name={[field.name, 'kind']} label={t('admin.pipelines.kind')}>
                        <Select options={KINDS.map((k) => ({ value: k, label: t(`admin.stageKinds.${k}`) }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item
                        name={[field.name, 'probability']}
                        label={t('admin.pipelines.probability')}
                        rules={[
                          {
                            required: true,
                            pattern: /^\d{1,3}(\.\d{1,2})?$/,
                            message: t('admin.pipelines.probabilityRule'),
                          },
                        ]}
                      >
                        <Input suffix="%" inputMode="decimal" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item name={[field.name, 'forecastCategory']} label={t('admin.pipelines.forecastCategory')}>
                        <Select
                          options={CATEGORIES.map((c) => ({ value: c, label: t(`admin.forecastCategories.${c}`) }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item name={[field.name, 'idleDays']} label={t('admin.pipelines.idleDays')}>
                        <InputNumber min={1} max={3650} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={24}>
                      <Form.Item name={[field.name, 'entryCriteria']} label={t('admin.pipelines.entryCriteria')}>
                        <Select
                          mode="multiple"
                          allowClear
                          placeholder={t('admin.pipelines.noCriteria')}
                          options={ENTRY_CRITERIA.map((c) => ({ value: c, label: t(`admin.entryCriteria.${c}`) }))}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  add(
                    {
                      name: '',
                      kind: 'OPEN',
                      probability: '50',
                      forecastCategory: 'PIPELINE',
                      entryCriteria: [],
                      idleDays: 14,
                    },
                    Math.max(0, fields.length - 2),
                  )
                }
              >
                {t('admin.pipelines.addStage')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </EditorModal>
  );
}
