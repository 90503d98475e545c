const preset = require('../jest.preset.js');
/** @type {import('jest').Config} */
module.exports = {
  ...preset,
  displayName: '@crm/portal',
  rootDir: __dirname,
  // Node by default (codegen, server, formatting); component specs (*.spec.tsx) declare `@jest-environment jsdom`.
  testMatch: ['<rootDir>/{src,server,codegen}/**/*.spec.{ts,tsx}'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.(ts|tsx|js|mjs)$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2023',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // Packages that ship ES modules only are compiled to CommonJS like our own code.
  transformIgnorePatterns: [
    '/node_modules/(?!(react-router|keycloak-js|@dnd-kit|http-proxy-middleware|httpxy|is-plain-obj|@ant-design/colors|@ant-design/fast-color)/)',
  ],
  setupFiles: ['<rootDir>/src/test-support/jsdom-setup.ts'],
  moduleNameMapper: { '\\.css$': '<rootDir>/src/test-support/style-stub.cjs' },
};
