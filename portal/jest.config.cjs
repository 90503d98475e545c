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
          // react-router reads import.meta.hot (Vite's HMR), which CommonJS cannot hold: it is absent under jest.
          transform: {
            react: { runtime: 'automatic' },
            optimizer: { globals: { vars: { 'import.meta.hot': 'undefined' } } },
          },
          target: 'es2023',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // Packages that ship ES modules only are compiled to CommonJS like our own code.
  transformIgnorePatterns: [
    '/node_modules/(?!(react-router|@remix-run|cookie-es|set-cookie-parser|keycloak-js|@dnd-kit|http-proxy-middleware|httpxy|is-plain-obj|@ant-design/colors|@ant-design/fast-color)/)',
  ],
  setupFiles: ['<rootDir>/src/test-support/jsdom-setup.ts'],
  moduleNameMapper: { '\\.css$': '<rootDir>/src/test-support/style-stub.cjs' },
};
