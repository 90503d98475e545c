import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Shown when the session cannot be refreshed any more or the user was signed out elsewhere. */
export function SessionEndedPage({ onSignIn }: { onSignIn: () => void }): ReactNode {
  const { t } = useTranslation();
  return (
    <main style={{ maxWidth: 640, margin: '10vh auto', padding: 16 }}>
      <Result
        status="info"
        title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('session.endedTitle')}</h1>}
        subTitle={t('session.endedBody')}
        extra={
          <Button type="primary" size="large" onClick={onSignIn} autoFocus>
            {t('session.signInAgain')}
          </Button>
        }
      />
    </main>
  );
}
