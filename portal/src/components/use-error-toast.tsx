import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { describeErrorReason, errorReference } from '../graphql/errors';
import { RequestReference } from './RequestReference';

/** Long enough to read the failure and copy its reference; a toast without one goes at antd's default 3 s. */
export const REFERENCE_TOAST_SECONDS = 10;

/**
 * Shows a failed request as a toast: the reason, then the request's reference with a copy button (as on error
 * pages), kept on screen long enough to copy it. Hovering keeps an antd message open too.
 */
export function useErrorToast(): (error: CombinedError) => void {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (error: CombinedError) => {
      const reference = errorReference(error);
      void message.error({
        content: (
          <span data-testid="error-toast">
            {describeErrorReason(error, t)} {reference && <RequestReference reference={reference} />}
          </span>
        ),
        duration: reference ? REFERENCE_TOAST_SECONDS : undefined,
      });
    },
    [message, t],
  );
}
