export { RuntimeMemory } from './runtime-memory';
export type {
  MemoryReference,
  TypedMemoryReference,
  MemoryChange,
  SearchCriteria,
  RuntimeMemoryOptions,
  Visibility,
} from './runtime-memory';
