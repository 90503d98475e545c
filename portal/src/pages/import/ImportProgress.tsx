import { Button, Flex, Progress, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** "m:ss" of whole seconds. */
export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Mounted when the last byte went up: counts the seconds since. */
function ProcessingElapsed(): ReactNode {
  const { t } = useTranslation();
  const [since] = useState(() => Date.now());
  const [now, setNow] = useState(since);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <Typography.Text type="secondary">{t('import.elapsed', { time: formatElapsed(now - since) })}</Typography.Text>
  );
}

/**
 * The upload's progress, then the server's processing phase: the route reports nothing before its final report, so
 * that phase is indeterminate, with the time elapsed since the last byte went up.
 */
export function ImportProgress({ percent, onCancel }: { percent: number | null; onCancel(): void }): ReactNode {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8} role="status" aria-live="polite">
      {percent === null ? (
        <>
          <Typography.Text>{t('import.processing')}</Typography.Text>
          <Progress percent={100} status="active" showInfo={false} />
          <ProcessingElapsed />
        </>
      ) : (
        <>
          <Typography.Text>{t('import.uploading', { percent: Math.floor(percent) })}</Typography.Text>
          <Progress percent={Math.floor(percent)} />
        </>
      )}
      <div>
        <Button onClick={onCancel}>{t('import.cancel')}</Button>
      </div>
    </Flex>
  );
}
