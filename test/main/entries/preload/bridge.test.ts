import { describe, expect, it, vi } from 'vitest';
import { buildBridge } from '../../../../src/main/entries/preload/bridge';
import { channelFor, commandNames } from '../../../../src/shared/contract';
import { PUSH_CHANNEL } from '../../../../src/shared/contract/pushes';

describe('buildBridge', () => {
  it('exposes exactly one frozen function, invoke', () => {
    const bridge = buildBridge(async () => ({ ok: true, value: null }));
    expect(Object.keys(bridge)).toEqual(['invoke']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('with a listener, also subscribe: only the push channel, its payload without the IPC event, and a way to stop', () => {
    const stop = vi.fn();
    const listen = vi.fn((_channel: string, _listener: (payload: unknown) => void) => stop);
    const bridge = buildBridge(async () => ({ ok: true, value: null }), listen);
    expect(Object.keys(bridge)).toEqual(['invoke', 'subscribe']);
    expect(Object.isFrozen(bridge)).toBe(true);
    const heard: unknown[] = [];
    const streams: boolean[] = [];
    const unsubscribe = bridge.subscribe?.(
      (event) => heard.push(event),
      (up) => streams.push(up),
    );
    expect(listen).toHaveBeenCalledTimes(1);
    expect(listen.mock.calls[0]?.[0]).toBe(PUSH_CHANNEL);
    listen.mock.calls[0]?.[1]({ kind: 'scan-arrived' });
    expect(heard).toEqual([{ kind: 'scan-arrived' }]);
    // The window's channel is up for as long as the window: the page does not poll.
    expect(streams).toEqual([true]);
    unsubscribe?.();
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('sends a contract command on its own channel with the payload', async () => {
    const channel = vi.fn(async () => ({ ok: true, value: 'answer' }));
    const bridge = buildBridge(channel);
    expect(await bridge.invoke('catalog-search', { text: 'gelato' })).toEqual({ ok: true, value: 'answer' });
    expect(channel).toHaveBeenCalledWith(channelFor('catalog-search'), { text: 'gelato' });
  });

  it.each(['ELECTRON_BROWSER_WINDOW_CLOSE', 'greentill:catalog-search', '__proto__', 'constructor', 'toString'])(
    'refuses %s without touching IPC',
    async (name) => {
      const channel = vi.fn();
      const result = await buildBridge(channel).invoke(name as 'store-get', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
      expect(channel).not.toHaveBeenCalled();
    },
  );
});

describe('preload entry', () => {
  it('exposes only the contract bridge, never ipcRenderer', async () => {
    const exposed: Array<[string, unknown]> = [];
    const ipcRenderer = { invoke: vi.fn(async () => ({ ok: true, value: 1 })), on: vi.fn(), removeListener: vi.fn(), send: vi.fn() };
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) },
      ipcRenderer,
    }));
    await import('../../../../src/main/entries/preload/index');
    vi.doUnmock('electron');

    expect(exposed).toHaveLength(1);
    const [key, api] = exposed[0] ?? [];
    expect(key).toBe('greentill');
    expect(Object.keys(api as object)).toEqual(['invoke', 'subscribe']);
    expect(Object.values(api as object)).not.toContain(ipcRenderer);
    await (api as { invoke: (n: string, i: unknown) => Promise<unknown> }).invoke('store-get', {});
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('greentill:store-get', {});
    // Nothing is listened to until the page subscribes, and then only the push channel, handing over the payload alone.
    expect(ipcRenderer.on).not.toHaveBeenCalled();
    const heard: unknown[] = [];
    const stop = (api as { subscribe: (l: (e: unknown) => void) => () => void }).subscribe((event) => heard.push(event));
    expect(ipcRenderer.on).toHaveBeenCalledTimes(1);
    const [channel, handler] = ipcRenderer.on.mock.calls[0] as unknown as [string, (event: unknown, payload: unknown) => void];
    expect(channel).toBe(PUSH_CHANNEL);
    handler({ sender: 'the IPC event' }, { kind: 'sync-changed' });
    expect(heard).toEqual([{ kind: 'sync-changed' }]);
    stop();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith(PUSH_CHANNEL, handler);
    expect(ipcRenderer.send).not.toHaveBeenCalled();
  });

  it('every contract command has a distinct channel', () => {
    expect(new Set(commandNames.map(channelFor)).size).toBe(commandNames.length);
  });
});
