const preset = require('../../jest.preset.js');
/** @type {import('jest').Config} */
module.exports = {
  ...preset,
  displayName: '@crm/deploy',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  // Once per run: spec files in parallel workers would otherwise rewrite charts/crm/charts/ under each other.
  globalSetup: '<rootDir>/vendor-chart-dependencies.js',
};
