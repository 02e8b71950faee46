import { Encoder, Profile } from '@garmin/fitsdk';
import { spanTotals } from '../model/totals';
import type { TrackerSnapshot } from 'workout-spans';
import { endAsOf, workoutTree } from '../model/workout-tree';
import { lapWindows, pauseWindows, setWindows } from './fit-timeline';
import { fitDateTime, fitWeight, seconds } from './fit-units';

export interface ToFitOptions {
  /** The workout to write: this span and its tree; default: the workout, found as `summarize` finds it (inside a session wrapper). */
  rootSpanId?: string;
  /** Instant to read a still-running workout at; default: the latest instant in the snapshot. */
  at?: number;
  /** Serial number written in the file id and device info (default 1). */
  serialNumber?: number;
  /** Offset of the athlete's local time from UTC, in minutes, for the activity's local timestamp; omitted when not given. */
  utcOffsetMinutes?: number;
}

type Message = Record<string, unknown> & { mesgNum: number };

const MAX_UINT16 = 65_534;
/** `set.weight` is a uint16 with scale 16 in the FIT profile. */
const MAX_WEIGHT_KG = MAX_UINT16 / 16;

/**
 * One workout as a Garmin FIT activity file , encoded by Garmin's own
 * SDK: file id and device info; timer start and stop events, with a stop/start pair around every
 * pause; one `set` per effort span (repetitions = Σ its reps records, weight in kg, duration of
 * running time, start time, `active`) and one `rest` set per rest segment; one lap per round
 * (minute when there are no rounds); the session (sport training, sub-sport strength training,
 * elapsed time with pauses, timer time without) and the activity. Timed messages are written in
 * time order, summaries last, as the FIT activity cookbook recommends.
 */
export function toFit(snapshot: TrackerSnapshot, options: ToFitOptions = {}): Uint8Array {
  const tree = workoutTree(snapshot, options);
  const { root } = tree;
  const start = root.startTime;
  const end = endAsOf(root, tree.at);
  const totals = spanTotals(root, end);
  const serialNumber = options.serialNumber ?? 1;
  const M = Profile.MesgNum as Record<'FILE_ID' | 'DEVICE_INFO' | 'EVENT' | 'SET' | 'LAP' | 'SESSION' | 'ACTIVITY', number>;

  const timed: { at: number; order: number; mesg: Message }[] = [];
  const timer = (at: number, eventType: 'start' | 'stop' | 'stopAll', order: number): void => {
    timed.push({ at, order, mesg: { mesgNum: M.EVENT, timestamp: fitDateTime(at), event: 'timer', eventType } });
  };
  timer(start, 'start', 0);
  for (const pause of pauseWindows(tree)) {
    timer(pause.start, 'stop', 3);
    if (!pause.open) timer(pause.end, 'start', 0);
  }

  const reps = new Map<string, number>();
  for (const r of tree.records)
    if (r.key === 'reps' && typeof r.value === 'number') reps.set(r.spanId, (reps.get(r.spanId) ?? 0) + r.value);
  setWindows(tree).forEach((set, messageIndex) => {
    const mesg: Message = {
      mesgNum: M.SET,
      messageIndex,
      timestamp: fitDateTime(set.end),
      startTime: fitDateTime(set.start),
      duration: seconds(set.timerMs),
      setType: set.kind,
    };
    const span = set.spanId === undefined ? undefined : tree.byId.get(set.spanId);
    if (span !== undefined) {
      const n = reps.get(span.id);
      if (n !== undefined) mesg.repetitions = Math.min(MAX_UINT16, Math.round(n));
      const weight = fitWeight(span.metrics.weight);
      if (weight !== undefined && weight.kg <= MAX_WEIGHT_KG) {
        mesg.weight = weight.kg;
        mesg.weightDisplayUnit = weight.display;
      }
    }
    timed.push({ at: set.end, order: 1, mesg });
  });

  const laps = lapWindows(tree);
  laps.forEach((lap, messageIndex) => {
    timed.push({
      at: lap.end,
      order: 2,
      mesg: {
        mesgNum: M.LAP,
        messageIndex,
        timestamp: fitDateTime(lap.end),
        startTime: fitDateTime(lap.start),
        totalElapsedTime: seconds(lap.end - lap.start),
        totalTimerTime: seconds(lap.timerMs),
        event: 'lap',
        eventType: 'stop',
        lapTrigger: messageIndex === laps.length - 1 ? 'sessionEnd' : 'manual',
        sport: 'training',
        subSport: 'strengthTraining',
      },
    });
  });
  timer(end, 'stopAll', 4);
  timed.sort((a, b) => a.at - b.at || a.order - b.order);

  const encoder = new Encoder();
  const write = (mesg: Message): void => void encoder.writeMesg(mesg);
  write({ mesgNum: M.FILE_ID, type: 'activity', manufacturer: 'development', product: 0, serialNumber, timeCreated: fitDateTime(start) });
  write({
    mesgNum: M.DEVICE_INFO,
    deviceIndex: 'creator',
    manufacturer: 'development',
    product: 0,
    serialNumber,
    productName: 'workout-spans',
    timestamp: fitDateTime(start),
  });
  for (const { mesg } of timed) write(mesg);
  write({
    mesgNum: M.SESSION,
    messageIndex: 0,
    timestamp: fitDateTime(end),
    startTime: fitDateTime(start),
    totalElapsedTime: seconds(totals.totalMs),
    totalTimerTime: seconds(totals.elapsedMs),
    sport: 'training',
    subSport: 'strengthTraining',
    firstLapIndex: 0,
    numLaps: laps.length,
    event: 'session',
    eventType: 'stop',
    trigger: 'activityEnd',
  });
  const activity: Message = {
    mesgNum: M.ACTIVITY,
    timestamp: fitDateTime(end),
    totalTimerTime: seconds(totals.elapsedMs),
    numSessions: 1,
    type: 'manual',
    event: 'activity',
    eventType: 'stop',
  };
  if (options.utcOffsetMinutes !== undefined) activity.localTimestamp = fitDateTime(end) + options.utcOffsetMinutes * 60;
  write(activity);
  return encoder.close();
}
