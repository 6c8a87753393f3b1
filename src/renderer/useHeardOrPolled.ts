import { useEffect, useRef } from 'react';
import type { PushEvent } from '../shared/contract/pushes';
import { onPushOrHello, usePushStream } from './pushes';

type HeardKind = Exclude<PushEvent['kind'], 'hello'>;

/**
 * Reads again whenever the core says one of `kinds` changed, and at every
 * (re)opened push stream (issue #19); while the pushes are not reaching
 * the page (the stream down, or a host without them), every `pollMs`
 * instead. The first read is the caller's (on mount, as it needs).
 */
export function useHeardOrPolled(kinds: readonly HeardKind[], read: () => void, pollMs: number): void {
  const pushed = usePushStream((s) => s.up);
  // The latest `read` without re-subscribing at every render.
  const latest = useRef(read);
  latest.current = read;
  const key = kinds.join(',');
  useEffect(() => {
    const again = () => latest.current();
    const stops = key.split(',').map((kind) => onPushOrHello(kind as HeardKind, again));
    const timer = pushed ? null : setInterval(again, pollMs);
    return () => {
      stops.forEach((stop) => stop());
      if (timer !== null) clearInterval(timer);
    };
  }, [key, pushed, pollMs]);
}
