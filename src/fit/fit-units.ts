import { Utils } from '@garmin/fitsdk';
import type { MetricValue } from 'workout-spans';

/** A FIT `date_time`: whole seconds since the FIT epoch (1989-12-31T00:00:00Z, the SDK's `FIT_EPOCH_MS`). */
export function fitDateTime(epochMs: number): number {
  return Math.round((epochMs - Utils.FIT_EPOCH_MS) / 1000);
}

/** FIT times are seconds; the SDK applies the profile's scale (×1000) itself, so ms keep their precision. */
export function seconds(ms: number): number {
  return ms / 1000;
}

const KG_PER_LB = 0.45359237;
const POUNDS = new Set(['lb', 'lbs', 'pound', 'pounds']);
const KILOGRAMS = new Set(['kg', 'kgs', 'kilogram', 'kilograms']);

/**
 * A weight metric as FIT wants it (kg), with the unit the athlete saw (`weightDisplayUnit`).
 * Units that are not a mass (or unknown) give nothing rather than a wrong number.
 */
export function fitWeight(weight: MetricValue<number> | undefined): { kg: number; display: 'pound' | 'kilogram' } | undefined {
  if (weight === undefined) return undefined;
  const unit = weight.unit.trim().toLowerCase();
  if (POUNDS.has(unit)) return { kg: weight.value * KG_PER_LB, display: 'pound' };
  if (KILOGRAMS.has(unit)) return { kg: weight.value, display: 'kilogram' };
  return undefined;
}
