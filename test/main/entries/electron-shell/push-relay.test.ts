import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relayPushes, type PushSource, type PushTarget } from '../../../../src/main/entries/electron-shell/push-relay';
import { PUSH_CHANNEL, type PushEvent } from '../../../../src/shared/contract/pushes';
import { startChildCore, type ChildCore } from '../../../support/child-core';
import { openTempDatabase, type TempDatabase } from '../../../support/temp-db';

/** A window's webContents as the relay sees it: what was sent, on which channel. */
function fakeWindow(): PushTarget & { sent: Array<[string, PushEvent]>; destroyed: boolean } {
  const window = {
    sent: [] as Array<[string, PushEvent]>,
    destroyed: false,
    isDestroyed: () => window.destroyed,
    send: (channel: string, event: PushEvent) => void window.sent.push([channel, event]),
  };
  return window;
}

function fakeCore(): PushSource & { push(event: PushEvent): void; restarts: number; listeners: number } {
  const listeners = new Set<(event: PushEvent) => void>();
  return {
    restarts: 0,
    get listeners() {
      return listeners.size;
    },
    onPush: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    push: (event) => listeners.forEach((listener) => listener(event)),
  };
}

describe('the Electron shell’s push relay', () => {
  it('sends the core’s pushes to the window on the push channel, and a hello with the restart count when the page loads', () => {
    const core = fakeCore();
    const window = fakeWindow();
    const relay = relayPushes(core, () => window);
    core.restarts = 2;
    relay.hello();
    core.push({ kind: 'scan-arrived' });
    core.push({ kind: 'core-restarted', generation: 3 });
    expect(window.sent).toEqual([
      [PUSH_CHANNEL, { kind: 'hello', generation: 2 }],
      [PUSH_CHANNEL, { kind: 'scan-arrived' }],
      [PUSH_CHANNEL, { kind: 'core-restarted', generation: 3 }],
    ]);
  });

  it('sends nothing to a closed window or none, and stops hearing the core when stopped', () => {
    const core = fakeCore();
    const window = fakeWindow();
    let target: PushTarget | null = null;
    const relay = relayPushes(core, () => target);
    core.push({ kind: 'sync-changed' });
    target = window;
    window.destroyed = true;
    core.push({ kind: 'sync-changed' });
    expect(window.sent).toEqual([]);
    relay.stop();
    expect(core.listeners).toBe(0);
  });
});

describe('a core restart with nothing in flight reaches the window', () => {
  let database: TempDatabase;
  let core: ChildCore;
  beforeAll(async () => {
    database = openTempDatabase({ demo: true });
    core = await startChildCore(database);
  });
  afterAll(async () => {
    await core?.stop();
    database?.dispose();
  });

  it('the real core process killed: the window hears core-restarted with the new count once it answers again', async () => {
    const window = fakeWindow();
    relayPushes(core.process, () => window);
    const pid = core.process.pid;
    expect(pid).not.toBeNull();
    process.kill(pid ?? 0, 'SIGKILL');
    await expect.poll(() => window.sent).toEqual([[PUSH_CHANNEL, { kind: 'core-restarted', generation: 1 }]]);
    // Sent once the new core answers: a command right after it is served.
    expect(await core.invoke('store-get', {})).toMatchObject({ ok: true });
  });
});
