import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';
import { TEST_FAILED_GLOBAL } from './e2e-log-directory';

/** Node's test environment that tells the test file whether one of its tests or hooks has failed (for its logs). */
class FailureRecordingEnvironment extends TestEnvironment {
  handleTestEvent(event: Circus.Event): void {
    if (event.name === 'hook_failure' || (event.name === 'test_done' && event.test.errors.length > 0)) {
      this.global[TEST_FAILED_GLOBAL] = true;
    }
  }
}

// eslint-disable-next-line no-restricted-syntax -- jest loads a test environment from the module's default export
export default FailureRecordingEnvironment;
