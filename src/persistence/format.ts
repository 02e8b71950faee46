/** The document's name for itself, and the version this build writes (older ones are read through `MIGRATIONS`). */
export const FORMAT = 'workout-spans';
export const FORMAT_VERSION = 1;
