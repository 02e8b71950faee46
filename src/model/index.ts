export * from './types';
export { spanTotals } from './totals';
