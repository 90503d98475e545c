const preset = require('../../jest.preset.js');
/** @type {import('jest').Config} */
module.exports = {
  ...preset,
  displayName: '@crm/observability',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
