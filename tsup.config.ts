import { defineConfig } from 'tsup';

// Optional peers of the subpath entries: never bundled.
const peers = ['react', 'react-dom', '@opentelemetry/api', '@garmin/fitsdk'];

export default defineConfig([
  {
    // The core and the subpath entries whose peers ship CommonJS: ESM + CJS with types.
    entry: {
      index: 'src/index.ts',
      react: 'src/react/index.ts',
      otel: 'src/otel/index.ts',
      compat: 'src/compat/index.ts',
    },
    external: peers,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: false, // both configs write dist/: the build script empties it first
    target: 'es2022',
    treeshake: true,
    splitting: false,
  },
  {
    // @garmin/fitsdk is ESM-only, so /fit is too. The CLI loads it lazily (splitting keeps that
    // import out of the bin's start-up), so `report` works without the SDK unless --fit is given.
    entry: { 'fit/index': 'src/fit/index.ts', 'bin/workout-spans': 'src/bin/workout-spans.ts' },
    format: ['esm'],
    splitting: true,
    clean: false,
    sourcemap: true,
    target: 'es2022',
    treeshake: true,
    dts: { entry: { 'fit/index': 'src/fit/index.ts' } },
    external: peers,
  },
]);
