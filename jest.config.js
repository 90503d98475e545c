/** @type {import('jest').Config} */
module.exports = {
  projects: [
    '<rootDir>/libs/*/jest.config.js',
    '<rootDir>/services/*/jest.config.js',
    '<rootDir>/gateway/jest.config.js',
    '<rootDir>/portal/jest.config.cjs',
    '<rootDir>/tests/e2e/jest.config.js',
    '<rootDir>/tests/deploy/jest.config.js',
    '<rootDir>/tests/observability/jest.config.js',
    '<rootDir>/tests/browser/jest.config.js',
    '<rootDir>/scripts/bench/jest.config.js',
  ],
  globalSetup: '<rootDir>/libs/testing/global-setup.mjs',
  globalTeardown: '<rootDir>/libs/testing/global-teardown.mjs',
  // Integration tests start real servers; a per-test limit here (project configs cannot set it).
  testTimeout: 60000,
};
