// ESLint (flat config) with typescript-eslint; formatting is Prettier's job (`npm run format`).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'url', 'zlib', 'crypto', 'module'];

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'demo-output/', 'node_modules/', 'examples/app/dist/', '.scratch/', '.docs-check/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    // The library runs in browsers and Node alike: no Node built-ins, no console.log outside the CLI.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/bin/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: NODE_BUILTINS, message: 'The library runs in browsers: Node built-ins belong in src/bin only.' }] },
      ],
      'no-console': ['error', { allow: ['warn'] }],
    },
  },
  {
    // Entries other than the core reach the core and each other by name (`workout-spans`,
    // `workout-spans/analysis`), so a host gets one tracker and one TrackerError; only the pure
    // helpers of src/model may be shared by a relative import (and are inlined by the build).
    files: ['src/{persistence,analysis,export,runtime,aggregation,react,otel,fit,compat,bin}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!model/)',
              message:
                "Import the core as 'workout-spans' and other entries as 'workout-spans/<entry>'; only ../model/ is shared directly.",
            },
            { group: NODE_BUILTINS, message: 'The library runs in browsers: Node built-ins belong in src/bin only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/bin/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./(?!model/)', message: "Import the package's entries by name." }] }],
    },
  },
  {
    // Tests and benchmarks poke at hostile and foreign shapes on purpose.
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
);
