export { createMetricAggregator } from './metric-aggregator';
export type { MetricAggregator, MetricAggregatorOptions, MetricMatch, MetricMeasure, MetricSpec } from './metric-aggregator';
export { Series, DEFAULT_EXACT_SAMPLES, DEFAULT_RELATIVE_ACCURACY, DEFAULT_MAX_BUCKETS } from './series';
export type { SeriesSummary, SeriesFootprint, SeriesOptions } from './series';
export { LogSketch } from './log-sketch';
export { percentileOfSorted, percentiles } from './percentile';
