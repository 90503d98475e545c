import { EyeInvisibleOutlined } from '@ant-design/icons';
import { Descriptions, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePortal } from '../../app/portal-context';
import { formatDateTime, formatMoney } from '../../format/format';
import { QueryError } from '../../components/QueryError';
import { useAllPages } from '../../components/use-all-pages';
import type { Account360Query as Account360Result } from '../../graphql/gen/graphql';
import { Account360CustomFieldsQuery } from './account-360-queries';

export type Account360 = NonNullable<Account360Result['account']>;
const NO_VARIABLES = {};

const TERMS = ['creditLimit', 'paymentTerms', 'bankName', 'bankAccount', 'taxRegistration'] as const;

/** A field the service withheld from the caller: shown as hidden, with who may see it. */
export function RedactedValue(): ReactNode {
  const { t } = useTranslation();
  const text = t('common.hiddenReason', { reason: t('account360.redactedReason') });
  return (
    <Typography.Text type="secondary">
      <EyeInvisibleOutlined aria-hidden /> {text}
    </Typography.Text>
  );
}

function list(values: readonly string[], none: string): ReactNode {
  return values.length ? values.join(', ') : none;
}

/** The account's fields, addresses, grade with the rules' suggestion, and its finance terms (or why they are hidden). */
export function AccountProfile({
  account,
  redacted,
}: {
  account: Account360;
  redacted: ReadonlySet<string>;
}): ReactNode {
  const { t } = useTranslation();
  const { user, locale, timeZone } = usePortal();
  const none = t('common.none');
  const suggestion = account.gradeSuggestion;
  const owner = !account.ownerId
    ? t('accounts.ownerPool')
    : account.ownerId === user.id
      ? t('accounts.ownerYou')
      : (account.owner?.displayName ?? t('accounts.ownerOther'));
  const terms: Record<(typeof TERMS)[number], ReactNode> = {
    creditLimit: account.creditLimit ? formatMoney(account.creditLimit, locale) : none,
    paymentTerms: account.paymentTerms ?? none,
    bankName: account.bankName ?? none,
    bankAccount: account.bankAccount ?? none,
    taxRegistration: account.taxRegistration ?? none,
  };
  return (
    <>
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="small"
        items={[
          { key: 'taxId', label: t('account360.fields.taxId'), children: account.taxId ?? none },
          { key: 'industry', label: t('account360.fields.industry'), children: account.industry ?? none },
          {
            key: 'size',
            label: t('account360.fields.size'),
            children: account.size ? t(`account360.size.${account.size}`) : none,
          },
          {
            key: 'website',
            label: t('account360.fields.website'),
            children: account.website ? (
              <a href={account.website} target="_blank" rel="noreferrer noopener">
                {account.website}
              </a>
            ) : (
              none
            ),
          },
          { key: 'phones', label: t('account360.fields.phones'), children: list(account.phones, none) },
          { key: 'emails', label: t('account360.fields.emails'), children: list(account.emails, none) },
          {
            key: 'addresses',
            label: t('account360.fields.addresses'),
            children: account.addresses.length
              ? account.addresses.map((a, i) => (
                  <div key={`${a.kind}-${i}`}>
                    {[a.line1, a.line2, a.city, a.region, a.postalCode, a.countryCode].filter(Boolean).join(', ')}
                  </div>
                ))
              : none,
          },
          {
            key: 'tags',
            label: t('account360.fields.tags'),
            children: account.tags.length ? account.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : none,
          },
          {
            key: 'grade',
            label: t('account360.fields.grade'),
            children: account.grade ? t(`accounts.gradeValue.${account.grade}`) : none,
          },
          {
            key: 'suggestion',
            label: t('account360.fields.gradeSuggestion'),
            children: (
              <Tooltip title={suggestion.reasons.join(' · ')}>
                <span tabIndex={0}>
                  {t('account360.suggestion', {
                    grade: t(`accounts.gradeValue.${suggestion.grade}`),
                    score: suggestion.score,
                  })}
                </span>
              </Tooltip>
            ),
          },
          {
            key: 'stage',
            label: t('account360.fields.stage'),
            children: t(`accounts.stageValue.${account.lifecycleStage}`),
          },
          { key: 'owner', label: t('account360.fields.owner'), children: owner },
          {
            key: 'ownerSince',
            label: t('account360.fields.ownerSince'),
            children: account.ownerSince ? formatDateTime(account.ownerSince, locale, timeZone) : none,
          },
          {
            key: 'lastActivity',
            label: t('account360.fields.lastActivity'),
            children: account.lastActivityAt
              ? formatDateTime(account.lastActivityAt, locale, timeZone)
              : t('accounts.never'),
          },
          {
            key: 'followUpDue',
            label: t('account360.fields.followUpDue'),
            children: account.followUpDueAt ? formatDateTime(account.followUpDueAt, locale, timeZone) : none,
          },
          {
            key: 'description',
            label: t('account360.fields.description'),
            span: 'filled',
            children: account.description ?? none,
          },
        ]}
      />
      {suggestion.grade !== account.grade && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('account360.suggestionDiffers', { grade: t(`accounts.gradeValue.${suggestion.grade}`) })}
        </Typography.Paragraph>
      )}
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        {t('account360.terms')}
      </Typography.Title>
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="small"
        items={TERMS.map((field) => ({
          key: field,
          label: t(`account360.fields.${field}`),
          children: redacted.has(field) ? <RedactedValue /> : terms[field],
        }))}
      />
    </>
  );
}

/** The account's custom field values, labelled by every definition in force (values of archived fields not listed). */
export function AccountCustomFields({ values }: { values: unknown }): ReactNode {
  const { t } = useTranslation();
  const {
    rows: definitions,
    loading,
    error,
    refresh,
  } = useAllPages(Account360CustomFieldsQuery, NO_VARIABLES, (d) => d.customFieldDefinitions);
  if (error) return <QueryError error={error} retry={refresh} />;
  if (loading) return <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>;
  if (!definitions.length) return <Typography.Text type="secondary">{t('account360.noCustomFields')}</Typography.Text>;
  const record = (values && typeof values === 'object' ? values : {}) as Record<string, unknown>;
  const show = (value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('common.none');
    if (typeof value === 'boolean') return value ? t('account360.yesValue') : t('account360.noValue');
    if (Array.isArray(value)) return value.map(String).join(', ');
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };
  return (
    <Descriptions
      column={{ xs: 1, md: 2 }}
      size="small"
      items={definitions.map((d) => ({ key: d.key, label: d.label, children: show(record[d.key]) }))}
    />
  );
}
