const preset = require('../../jest.preset.js');
/** @type {import('jest').Config} */
module.exports = { ...preset, displayName: '@crm/e2e', rootDir: __dirname, testMatch: ['<rootDir>/**/*.e2e-spec.ts'] };
