import type { SampleRange, SampleSeries, SamplesView } from './types';

/** The view of a snapshot with no samples. A class, so that two views compare by what they hold. */
class NoSamples implements SamplesView {
  roots(): string[] {
    return [];
  }
  keys(_rootSpanId: string): string[] {
    return [];
  }
  get(_rootSpanId: string, _key: string, _range?: SampleRange): SampleSeries | undefined {
    return undefined;
  }
}

export const NO_SAMPLES: SamplesView = Object.freeze(new NoSamples());
