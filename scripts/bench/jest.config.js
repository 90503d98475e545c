const preset = require('../../jest.preset.js');
/** @type {import('jest').Config} */
// The benchmarks' pure helpers (the benchmarks themselves run with `make bench`, not under jest).
module.exports = { ...preset, displayName: '@crm/bench', rootDir: __dirname, testMatch: ['<rootDir>/**/*.spec.ts'] };
