import { create } from 'zustand';
import { pushEvent, type PushEvent } from '../shared/contract/pushes';
import type { CoreGenerationWatcher } from './core-generation';

type Kind = PushEvent['kind'];
type Listener<K extends Kind> = (event: Extract<PushEvent, { kind: K }>) => void;

/** Whether the core's pushes are reaching the page: while they are not, the screens poll as they always did. */
export const usePushStream = create<{ readonly up: boolean }>(() => ({ up: false }));

const listeners = new Map<Kind, Set<(event: PushEvent) => void>>();

/** Hears one kind of push; returns how to stop. */
export function onPush<K extends Kind>(kind: K, listener: Listener<K>): () => void {
  const set = listeners.get(kind) ?? new Set();
  listeners.set(kind, set);
  const untyped = listener as (event: PushEvent) => void;
  set.add(untyped);
  return () => void set.delete(untyped);
}

/**
 * Hears `kind`, and every `hello` (a stream opened or reopened: whatever
 * `kind` stands for may have changed unheard meanwhile); returns how to stop.
 */
export function onPushOrHello(kind: Exclude<Kind, 'hello'>, listener: () => void): () => void {
  const stops = [onPush(kind, listener), onPush('hello', listener)];
  return () => stops.forEach((stop) => stop());
}

/**
 * The page's side of the core's pushes (issue #19), whichever transport
 * brought them: each is validated against the contract before anything acts
 * on it (a malformed one is dropped), the core's restarts go to the
 * generation watcher, and the rest to the screens listening.
 */
export function receivePush(raw: unknown, generation: CoreGenerationWatcher): void {
  const parsed = pushEvent.safeParse(raw);
  if (!parsed.success) return;
  const event = parsed.data;
  switch (event.kind) {
    case 'hello':
      generation.seen(event.generation);
      break;
    case 'core-restarted':
      generation.restarted(event.generation);
      break;
    case 'scan-arrived':
    case 'sync-changed':
    case 'orders-changed':
    case 'alerts-changed':
    case 'store-link-changed':
      break;
    default:
      return event satisfies never;
  }
  for (const listener of [...(listeners.get(event.kind) ?? [])]) listener(event);
}

export function pushStreamUp(up: boolean): void {
  if (usePushStream.getState().up !== up) usePushStream.setState({ up });
}
