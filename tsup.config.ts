import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    react: 'src/react/index.ts',
    otel: 'src/otel/index.ts',
    compat: 'src/compat/index.ts',
  },
  // Optional peers of the subpath entries: never bundled.
  external: ['react', 'react-dom', '@opentelemetry/api', '@garmin/fitsdk'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
  splitting: false,
});
