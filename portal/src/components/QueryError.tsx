import { Alert, Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CombinedError } from 'urql';
import { describeError, isForbidden } from '../graphql/errors';

/** A failed load: "not yours to see" as its own page, anything else as what to do next with a retry. */
export function QueryError({ error, retry }: { error: CombinedError; retry?: () => void }): ReactNode {
  const { t } = useTranslation();
  if (isForbidden(error)) return <NoAccess />;
  return (
    <Alert
      type="error"
      showIcon
      title={describeError(error, t)}
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
