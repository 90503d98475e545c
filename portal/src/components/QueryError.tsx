import { Alert, Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CombinedError } from 'urql';
import { describeErrorReason, errorReference, isForbidden } from '../graphql/errors';
import { RequestReference } from './RequestReference';

/**
 * A failed load: "not yours to see" as its own page, anything else as what to do next with a retry and the request's
 * reference to quote.
 */
export function QueryError({ error, retry }: { error: CombinedError; retry?: () => void }): ReactNode {
  const { t } = useTranslation();
  if (isForbidden(error)) return <NoAccess />;
  const reference = errorReference(error);
  return (
    <Alert
      type="error"
      showIcon
      title={describeErrorReason(error, t)}
      description={reference ? <RequestReference reference={reference} /> : undefined}
      action={retry ? <Button onClick={retry}>{t('common.retry')}</Button> : undefined}
    />
  );
}

export function NoAccess(): ReactNode {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('common.noAccessTitle')}
      subTitle={t('common.noAccessBody')}
      extra={<Link to="/">{t('common.backToMyDay')}</Link>}
    />
  );
}
