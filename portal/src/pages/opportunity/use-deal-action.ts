import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { describeError } from '../../graphql/errors';

/** Runs a mutation of the deal page: the domain's refusal as a message, success reloads the deal. */
export function useDealAction(
  reload: () => void,
): (run: () => Promise<{ error?: CombinedError }>, done: string) => Promise<boolean> {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return async (run, done) => {
    const result = await run();
    if (result.error) {
      void message.error(describeError(result.error, t));
      return false;
    }
    void message.success(done);
    reload();
    return true;
  };
}
