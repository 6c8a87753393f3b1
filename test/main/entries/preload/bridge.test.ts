import { describe, expect, it, vi } from 'vitest';
import { buildBridge } from '../../../../src/main/entries/preload/bridge';
import { channelFor, commandNames } from '../../../../src/shared/contract';

describe('buildBridge', () => {
  it('exposes exactly one frozen function, invoke', () => {
    const bridge = buildBridge(async () => ({ ok: true, value: null }));
    expect(Object.keys(bridge)).toEqual(['invoke']);
    expect(Object.isFrozen(bridge)).toBe(true);
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
    const ipcRenderer = { invoke: vi.fn(async () => ({ ok: true, value: 1 })), on: vi.fn(), send: vi.fn() };
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) },
      ipcRenderer,
    }));
    await import('../../../../src/main/entries/preload/index');
    vi.doUnmock('electron');

    expect(exposed).toHaveLength(1);
    const [key, api] = exposed[0] ?? [];
    expect(key).toBe('greentill');
    expect(Object.keys(api as object)).toEqual(['invoke']);
    expect(Object.values(api as object)).not.toContain(ipcRenderer);
    await (api as { invoke: (n: string, i: unknown) => Promise<unknown> }).invoke('store-get', {});
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('greentill:store-get', {});
    expect(ipcRenderer.on).not.toHaveBeenCalled();
    expect(ipcRenderer.send).not.toHaveBeenCalled();
  });

  it('every contract command has a distinct channel', () => {
    expect(new Set(commandNames.map(channelFor)).size).toBe(commandNames.length);
  });
});
