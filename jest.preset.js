// Shared jest settings: TypeScript through SWC, tests next to code (*.spec.ts) and in test/ (*.int-spec.ts).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'commonjs' } },
    ],
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
};
