import { defineConfig } from 'tsup';

/** Every entry of the package: its subpath (`workout-spans/<name>`) and its source. */
export const ENTRIES = {
  index: 'src/index.ts',
  persistence: 'src/persistence/index.ts',
  analysis: 'src/analysis/index.ts',
  export: 'src/export/index.ts',
  runtime: 'src/runtime/index.ts',
  aggregation: 'src/aggregation/index.ts',
  react: 'src/react/index.ts',
  otel: 'src/otel/index.ts',
  fit: 'src/fit/index.ts',
  compat: 'src/compat/index.ts',
};

// Never bundled: the optional peers, and the package's own entries, which import each other by name
// (`workout-spans`, `workout-spans/analysis`): one copy of the tracker and of TrackerError, whatever
// a host imports.
const external = ['react', 'react-dom', '@opentelemetry/api', '@garmin/fitsdk', /^workout-spans(\/.*)?$/];

export default defineConfig([
  {
    entry: ENTRIES,
    external,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: false, // both configs write dist/: the build script empties it first
    target: 'es2022',
    treeshake: true,
    splitting: false,
  },
  {
    // The report CLI: Node only, ESM.
    entry: { 'bin/workout-spans': 'src/bin/workout-spans.ts' },
    external,
    format: ['esm'],
    clean: false,
    sourcemap: true,
    target: 'es2022',
    treeshake: true,
    splitting: false,
  },
]);
