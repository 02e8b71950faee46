/**
 * workout-spans/aggregation: a processor that turns spans and records into series (count, duration,
 * value) with percentiles, in bounded memory.
 */
export { createMetricAggregator } from './metric-aggregator';
export type { MetricAggregator, MetricAggregatorOptions, MetricMatch, MetricMeasure, MetricSpec } from './metric-aggregator';
export type { SeriesSummary, SeriesFootprint, SeriesOptions } from './series';
export { DEFAULT_EXACT_SAMPLES, DEFAULT_RELATIVE_ACCURACY, DEFAULT_MAX_BUCKETS } from './series';
export { percentileOfSorted, percentiles } from '../model/percentile';
