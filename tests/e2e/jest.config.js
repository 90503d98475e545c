const preset = require('../../jest.preset.js');
/** @type {import('jest').Config} */
module.exports = {
  ...preset,
  displayName: '@crm/e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  // Tells a test file whether one of its tests failed: its stack's logs are kept only then (e2e-log-directory.ts).
  testEnvironment: '<rootDir>/failure-recording-environment.ts',
};
