/**
 * The part of Garmin's FIT JavaScript SDK (`@garmin/fitsdk`, plain ESM with no types of its own)
 * that `workout-spans/fit` and its tests use. Field names follow the SDK's Profile (camelCase).
 */
declare module '@garmin/fitsdk' {
  export type FitMessage = Record<string, unknown>;

  export class Encoder {
    constructor(options?: { fieldDescriptions?: Record<number, unknown> | null });
    writeMesg(mesg: FitMessage & { mesgNum: number }): this;
    onMesg(mesgNum: number, mesg: FitMessage): this;
    close(): Uint8Array;
  }

  export class Stream {
    static fromByteArray(data: ArrayLike<number>): Stream;
    static fromArrayBuffer(buffer: ArrayBuffer): Stream;
    static fromBuffer(buffer: Uint8Array): Stream;
  }

  export interface DecoderReadOptions {
    applyScaleAndOffset?: boolean;
    expandSubFields?: boolean;
    expandComponents?: boolean;
    convertTypesToStrings?: boolean;
    convertDateTimesToDates?: boolean;
    includeUnknownData?: boolean;
    mergeHeartRates?: boolean;
  }

  export class Decoder {
    constructor(stream: Stream);
    static isFIT(stream: Stream): boolean;
    isFIT(): boolean;
    checkIntegrity(): boolean;
    read(options?: DecoderReadOptions): { messages: Record<string, FitMessage[]>; errors: unknown[] };
  }

  export const Profile: {
    MesgNum: Record<string, number>;
    types: Record<string, Record<number, string>>;
  };

  export const Utils: {
    FIT_EPOCH_MS: number;
    convertDateTimeToDate(datetime: number): Date;
    convertDateToDateTime(date: Date): number;
  };
}
