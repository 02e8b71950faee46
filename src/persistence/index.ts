/**
 * workout-spans/persistence: a session saved as versioned JSON and read back checked, autosave that
 * survives a torn write, and the storages it writes to.
 */
export { serialize } from './serialize';
export { deserialize } from './deserialize';
export { FORMAT, FORMAT_VERSION } from './format';
export type { SavedDocument } from './format';
export { createAutosave, loadAutosave, clearAutosave } from './autosave';
export type { Autosave, AutosaveOptions } from './autosave';
export { memoryStorage, webStorage } from './storage';
export type { AutosaveStorage, DomStorageLike, MemoryStorage } from './storage';
export { indexedDbStorage } from './indexeddb-storage';
export type { IndexedDbStorage, IndexedDbStorageOptions } from './indexeddb-storage';
export { watchPageLifecycle, type PageLifecycleOptions, type LifecycleEventTarget, type LifecycleDocument } from './page-lifecycle';
