const preset = require('../../jest.preset.js');
/** @type {import('jest').Config} */
module.exports = { ...preset, displayName: '@crm/sales-pipeline', rootDir: __dirname };
