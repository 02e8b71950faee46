import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = fileURLToPath(new URL('./src/', import.meta.url));

export default defineConfig({
  resolve: {
    // Tests import the package by name, as users do: `workout-spans` and `workout-spans/<entry>`
    // resolve to the sources (tsconfig.json maps them the same way for tsc and tsx).
    alias: [
      { find: /^workout-spans$/, replacement: `${src}index.ts` },
      { find: /^workout-spans\/([a-z]+)$/, replacement: `${src}$1/index.ts` },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    pool: 'threads',
    testTimeout: 30_000,
  },
});
