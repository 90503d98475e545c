const preset = require('../../jest.preset.js');
/** @type {import('jest').Config} */
module.exports = {
  ...preset,
  displayName: '@crm/browser',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.browser-spec.ts'],
  // Once per run: the portal's production build, which every journey's portal server serves.
  globalSetup: '<rootDir>/build-portal.js',
};
