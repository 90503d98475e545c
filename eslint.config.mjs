import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const ioModules = [
  'typeorm',
  'pg',
  '@nats-io/*',
  '@grpc/*',
  '@apollo/*',
  'express',
  'fs',
  'node:fs',
  'net',
  'node:net',
  'http',
  'node:http',
  'child_process',
  'node:child_process',
];
// The platform does I/O, except its domain errors, the id check and contact points, which a rule may use.
const ioPlatform = '^@crm/platform(?!/(errors|ids|contact-points)$)';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '.tools/**',
      'libs/contracts/src/gen/**',
      '**/src/graphql/generated/**',
      '**/dist/**',
      '.nx/**',
      '.tmp/**',
      'portal/src/graphql/gen/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          enforceBuildableLibDependency: false,
          depConstraints: [
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:gateway', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
          ],
        },
      ],
    },
  },
  {
    // The domain is plain code: rules over plain types, no I/O.
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ioModules, message: 'src/domain/ imports no I/O: keep it plain functions over plain types.' },
            { regex: ioPlatform, message: 'src/domain/ imports no I/O: keep it plain functions over plain types.' },
          ],
        },
      ],
    },
  },
  {
    // The portal: React in the browser (hooks rules; browser globals).
    files: ['portal/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-restricted-syntax': 'off' },
  },
);
