export { SpanContext } from './span-context';
