import { Checkbox, DatePicker, Button, Col, Form, Grid, Input, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grade, LifecycleStage } from '../../graphql/gen/graphql';
import { usePortal } from '../../app/portal-context';
import { AccountUserPicker, mayPickUsers } from './AccountUserPicker';
import { EMPTY_CRITERIA, type AccountCriteria, type AccountSortChoice } from './account-criteria';

const GRADES: Grade[] = ['A', 'B', 'C'];
const STAGES: LifecycleStage[] = ['PROSPECT', 'CUSTOMER', 'CHURNED'];
const SORT_LABELS = {
  RELEVANCE: 'sortRelevance',
  NAME: 'sortName',
  CREATED_AT: 'sortCreated',
  UPDATED_AT: 'sortUpdated',
  LAST_ACTIVITY_AT: 'sortLastActivity',
  FOLLOW_UP_DUE: 'sortFollowUpDue',
} as const satisfies Record<AccountSortChoice, string>;
const SORTS = Object.keys(SORT_LABELS) as AccountSortChoice[];

/** The list's search box and filters; every change is applied at once (the search on Enter or the button). */
export function AccountFilters({
  value,
  onChange,
  inPool,
}: {
  value: AccountCriteria;
  onChange(next: AccountCriteria): void;
  inPool: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const set = (patch: Partial<AccountCriteria>): void => onChange({ ...value, ...patch });
  const id = inPool ? 'pool' : 'all';
  // On a phone the filters fold under a button: the list stays on the first screen.
  const screens = Grid.useBreakpoint();
  const [unfolded, setUnfolded] = useState(false);
  const folded = !screens.md && !unfolded;
  return (
    <Form layout="vertical" component="div">
      <Row gutter={[12, 0]}>
        <Col xs={24} md={12} lg={8}>
          <Form.Item label={t('accounts.searchLabel')} htmlFor={`${id}-search`}>
            <Input.Search
              id={`${id}-search`}
              allowClear
              defaultValue={value.search}
              key={value.search}
              placeholder={t('accounts.searchPlaceholder')}
              enterButton={t('common.search')}
              onSearch={(search) => set({ search })}
            />
          </Form.Item>
        </Col>
        {!screens.md && (
          <Col xs={24} style={{ marginBottom: 12 }}>
            <Button aria-expanded={!folded} aria-controls={`${id}-filters`} onClick={() => setUnfolded(!unfolded)}>
              {t('accounts.filters')}
            </Button>
          </Col>
        )}
      </Row>
      <Row gutter={[12, 0]} id={`${id}-filters`} style={folded ? { display: 'none' } : undefined}>
        <Col xs={12} md={6} lg={4}>
          <Form.Item label={t('accounts.grade')} htmlFor={`${id}-grades`}>
            <Select
              id={`${id}-grades`}
              mode="multiple"
              allowClear
              value={value.grades}
              onChange={(grades: Grade[]) => set({ grades })}
              options={GRADES.map((g) => ({ value: g, label: t(`accounts.gradeValue.${g}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} lg={4}>
          <Form.Item label={t('accounts.stage')} htmlFor={`${id}-stages`}>
            <Select
              id={`${id}-stages`}
              mode="multiple"
              allowClear
              value={value.stages}
              onChange={(stages: LifecycleStage[]) => set({ stages })}
              options={STAGES.map((s) => ({ value: s, label: t(`accounts.stageValue.${s}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={8}>
          <Form.Item label={t('accounts.tags')} htmlFor={`${id}-tags`}>
            <Select
              id={`${id}-tags`}
              mode="tags"
              allowClear
              value={value.tags}
              placeholder={t('accounts.tagsPlaceholder')}
              onChange={(tags: string[]) => set({ tags })}
              open={false}
              suffix={null}
            />
          </Form.Item>
        </Col>
        {!inPool && (
          <Col xs={24} md={12} lg={8}>
            <Form.Item label={t('accounts.owner')} htmlFor={`${id}-owner`}>
              {mayPickUsers(user) ? (
                <AccountUserPicker
                  id={`${id}-owner`}
                  multiple
                  value={value.ownerIds}
                  placeholder={t('accounts.ownerAnyone')}
                  onChange={(ids) => set({ ownerIds: Array.isArray(ids) ? ids : ids ? [ids] : [] })}
                />
              ) : (
                <Select
                  id={`${id}-owner`}
                  value={value.ownerIds.length ? 'me' : 'anyone'}
                  onChange={(owner: 'me' | 'anyone') => set({ ownerIds: owner === 'me' ? [user.id] : [] })}
                  options={[
                    { value: 'anyone', label: t('accounts.ownerAnyone') },
                    { value: 'me', label: t('accounts.ownerMe') },
                  ]}
                />
              )}
            </Form.Item>
          </Col>
        )}
        <Col xs={12} md={6} lg={4}>
          <Form.Item label={t('accounts.lastActivityAfter')} htmlFor={`${id}-after`}>
            <DatePicker
              id={`${id}-after`}
              style={{ width: '100%' }}
              value={value.lastActivityAfter ? dayjs(value.lastActivityAfter) : null}
              onChange={(d) => set({ lastActivityAfter: d ? d.format('YYYY-MM-DD') : undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} lg={4}>
          <Form.Item label={t('accounts.lastActivityBefore')} htmlFor={`${id}-before`}>
            <DatePicker
              id={`${id}-before`}
              style={{ width: '100%' }}
              value={value.lastActivityBefore ? dayjs(value.lastActivityBefore) : null}
              onChange={(d) => set({ lastActivityBefore: d ? d.format('YYYY-MM-DD') : undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} lg={4}>
          <Form.Item label={t('accounts.sort')} htmlFor={`${id}-sort`}>
            <Select
              id={`${id}-sort`}
              value={value.sort}
              onChange={(sort: AccountSortChoice) => set({ sort })}
              options={SORTS.map((s) => ({ value: s, label: t(`accounts.${SORT_LABELS[s]}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={8}>
          <Form.Item label={t('accounts.followUpDue')} htmlFor={`${id}-due`}>
            <Checkbox
              id={`${id}-due`}
              checked={value.followUpDue}
              onChange={(e) => set({ followUpDue: e.target.checked })}
            >
              {t('accounts.followUpDueOnly')}
            </Checkbox>
          </Form.Item>
        </Col>
        <Col xs={24} md={6} lg={4} style={{ display: 'flex', alignItems: 'end', paddingBottom: 24 }}>
          <Button onClick={() => onChange(EMPTY_CRITERIA)}>{t('accounts.clearFilters')}</Button>
        </Col>
      </Row>
    </Form>
  );
}
