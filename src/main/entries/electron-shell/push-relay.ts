import { PUSH_CHANNEL, type PushEvent } from '../../../shared/contract/pushes';

/** What the relay needs of the window's webContents (typed here so the relay is tested under Node). */
export interface PushTarget {
  isDestroyed(): boolean;
  send(channel: string, event: PushEvent): void;
}

/** What the relay needs of the core: its pushes, and how many times it has been started again (CoreProcess). */
export interface PushSource {
  onPush(listener: (event: PushEvent) => void): () => void;
  readonly restarts: number;
}

export interface PushRelay {
  /** The page (re)loaded: tell it the core's restart count now, and that it should read what it shows. */
  hello(): void;
  stop(): void;
}

/**
 * Under Electron the core's pushes reach the page through the preload
 * (`webContents.send` on one channel; the preload hands them to the page's
 * one listener), as the headless host's event stream does in a browser. A
 * core restart with nothing in flight is among them (`core-restarted`).
 */
export function relayPushes(source: PushSource, target: () => PushTarget | null): PushRelay {
  const deliver = (event: PushEvent): void => {
    const contents = target();
    // A window closing (or not yet open) simply misses it: the next hello makes the page read everything again.
    if (contents === null || contents.isDestroyed()) return;
    contents.send(PUSH_CHANNEL, event);
  };
  const stop = source.onPush(deliver);
  return { hello: () => deliver({ kind: 'hello', generation: source.restarts }), stop };
}
