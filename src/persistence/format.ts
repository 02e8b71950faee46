/** The document's name for itself, and the version this build writes (older ones are read through `MIGRATIONS`). */
export const FORMAT = 'workout-spans';
export const FORMAT_VERSION = 2;

/** What every saved document begins with; the rest of its fields depend on its version. */
export interface SavedDocument {
  format: typeof FORMAT;
  version: number;
  savedAt: number;
  [field: string]: unknown;
}
