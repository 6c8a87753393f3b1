import { afterEach, describe, expect, it, vi } from 'vitest';
import { coreGenerationWatcher } from '../../src/renderer/core-generation';
import { onPush, onPushOrHello, pushStreamUp, receivePush, usePushStream } from '../../src/renderer/pushes';

const stops: Array<() => void> = [];
afterEach(() => {
  stops.splice(0).forEach((stop) => stop());
  pushStreamUp(false);
});

describe('the page receiving the core’s pushes', () => {
  it('a core restarted with nothing in flight makes the page read its session again (the reconnect path)', () => {
    const restartSeen = vi.fn();
    const generation = coreGenerationWatcher(restartSeen);
    receivePush({ kind: 'hello', generation: 0 }, generation);
    expect(restartSeen).not.toHaveBeenCalled();
    receivePush({ kind: 'core-restarted', generation: 1 }, generation);
    expect(restartSeen).toHaveBeenCalledTimes(1);
    // The stream reopened after the restart: its hello carries the count already seen.
    receivePush({ kind: 'hello', generation: 1 }, generation);
    expect(restartSeen).toHaveBeenCalledTimes(1);
  });

  it('hands each kind to its listeners; a hello also to those that read again on reconnection', () => {
    const generation = coreGenerationWatcher(() => undefined);
    const scans = vi.fn();
    const sync = vi.fn();
    stops.push(onPush('scan-arrived', scans), onPushOrHello('sync-changed', sync));
    receivePush({ kind: 'scan-arrived' }, generation);
    receivePush({ kind: 'sync-changed' }, generation);
    receivePush({ kind: 'orders-changed' }, generation);
    receivePush({ kind: 'hello', generation: 0 }, generation);
    expect(scans).toHaveBeenCalledTimes(1);
    expect(sync).toHaveBeenCalledTimes(2);
    stops.splice(0).forEach((stop) => stop());
    receivePush({ kind: 'sync-changed' }, generation);
    expect(sync).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['an unknown kind', { kind: 'sale-completed' }],
    ['an extra field', { kind: 'scan-arrived', data: 'D1234567' }],
    ['a negative count', { kind: 'core-restarted', generation: -1 }],
    ['not an object', 'scan-arrived'],
  ])('drops %s without acting on it', (_what, raw) => {
    const restartSeen = vi.fn();
    const any = vi.fn();
    stops.push(onPush('scan-arrived', any), onPush('core-restarted', any));
    receivePush(raw, coreGenerationWatcher(restartSeen));
    expect(any).not.toHaveBeenCalled();
    expect(restartSeen).not.toHaveBeenCalled();
  });

  it('says whether the stream is up, for the screens to stop or start their fallback polls', () => {
    expect(usePushStream.getState().up).toBe(false);
    pushStreamUp(true);
    expect(usePushStream.getState().up).toBe(true);
  });
});
