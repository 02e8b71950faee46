/**
 * The live workout page: `npm run app` serves it with Vite's dev server. The page imports the
 * package by name (`workout-spans`, `workout-spans/react`…); here those names resolve to the
 * sources, as tsconfig.json and vitest.config.ts map them. An app that installed the package needs
 * no alias.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^workout-spans$/, replacement: `${src}index.ts` },
      { find: /^workout-spans\/([a-z]+)$/, replacement: `${src}$1/index.ts` },
    ],
  },
  build: { outDir: 'dist', emptyOutDir: true },
  server: { open: false },
});
