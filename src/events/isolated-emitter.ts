import mitt, { type Emitter } from 'mitt';
import { handlerFailed, type TrackerError } from '../errors/tracker-error';
import type { TrackerEventName, TrackerEvents } from './event-map';

/**
 * mitt, with each handler isolated: plain mitt stops at the first handler that throws; here a
 * throwing handler is reported (as an `error` event, with code HANDLER_FAILED) and the others run.
 */
export class IsolatedEmitter {
  readonly #mitt: Emitter<TrackerEvents> = mitt<TrackerEvents>();
  readonly #report: (error: TrackerError, fromErrorHandler: boolean) => void;

  /**
   * `report` receives every handler failure; `fromErrorHandler` says that an `error` handler itself
   * threw, so the failure must not be emitted as `error` again.
   */
  constructor(report: (error: TrackerError, fromErrorHandler: boolean) => void) {
    this.#report = report;
  }

  on<K extends TrackerEventName>(name: K, handler: (payload: TrackerEvents[K]) => void): () => void {
    if (typeof handler !== 'function') throw new TypeError(`on('${name}'): the handler must be a function`);
    let on = true;
    const wrapped = (payload: TrackerEvents[K]): void => {
      // mitt delivers to the handlers registered when the event was emitted: one removed by an
      // earlier handler of the same delivery is skipped here.
      if (!on) return;
      try {
        handler(payload);
      } catch (cause) {
        this.#report(handlerFailed(`'${name}' handler`, cause), name === 'error');
      }
    };
    this.#mitt.on(name, wrapped);
    return () => {
      if (!on) return;
      on = false;
      this.#mitt.off(name, wrapped);
    };
  }

  /** True when at least one handler listens: lets the caller skip building a payload. */
  has(name: TrackerEventName): boolean {
    const list = this.#mitt.all.get(name);
    return list !== undefined && list.length > 0;
  }

  /** Number of handlers registered (for leak checks). */
  listenerCount(name?: TrackerEventName): number {
    if (name !== undefined) return this.#mitt.all.get(name)?.length ?? 0;
    let n = 0;
    for (const list of this.#mitt.all.values()) n += list.length;
    return n;
  }

  emit<K extends TrackerEventName>(name: K, payload: TrackerEvents[K]): void {
    this.#mitt.emit(name, payload);
  }
}
