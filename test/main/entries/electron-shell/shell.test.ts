import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { appProtocolHandler, appUrlMatcher } from '../../../../src/main/entries/electron-shell/app-protocol';
import { tempDir } from '../../../support/temp-db';
import { denyAllPermissions, enforceContentSecurityPolicy, lockNavigation } from '../../../../src/main/entries/electron-shell/hardening';
import { isTrustedSender, registerIpc } from '../../../../src/main/entries/electron-shell/ipc';
import { registerWindowOptions } from '../../../../src/main/entries/electron-shell/window-options';
import { commandNames } from '../../../../src/shared/contract';
import type { Result } from '../../../../src/shared/errors';

const appUrl = 'file:///opt/greentill/out/renderer/index.html';
const isAppUrl = (url: string) => url.startsWith(appUrl);

describe('register window options', () => {
  it('isolates and sandboxes the renderer', () => {
    const prefs = registerWindowOptions('/p/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
  });
});

describe('IPC registration', () => {
  it('registers one handler per contract command and serves only the app frame', async () => {
    const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
    const invoke = vi.fn(async (): Promise<Result<unknown>> => ({ ok: true, value: 'served' }));
    registerIpc({ handle: (channel: string, fn: never) => void handlers.set(channel, fn) } as never, invoke, isAppUrl);
    expect([...handlers.keys()].sort()).toEqual(commandNames.map((n) => `greentill:${n}`).sort());

    const mainFrame = { url: appUrl };
    const handler = handlers.get('greentill:store-get');
    expect(await handler?.({ senderFrame: mainFrame, sender: { mainFrame } }, {})).toEqual({ ok: true, value: 'served' });
    expect(invoke).toHaveBeenCalledWith('store-get', {});

    invoke.mockClear();
    const foreign = { url: 'https://evil.example/' };
    expect(await handler?.({ senderFrame: foreign, sender: { mainFrame: foreign } }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const subFrame = { url: appUrl };
    expect(await handler?.({ senderFrame: subFrame, sender: { mainFrame } }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('refuses a destroyed frame', () => {
    expect(isTrustedSender({ senderFrame: null, sender: { mainFrame: null } } as never, isAppUrl)).toBe(false);
  });
});

describe('session hardening', () => {
  it('adds the CSP header to every response', () => {
    let listener: ((details: unknown, callback: (r: unknown) => void) => void) | undefined;
    enforceContentSecurityPolicy({ webRequest: { onHeadersReceived: (fn: never) => (listener = fn) } } as never);
    const callback = vi.fn();
    listener?.({ responseHeaders: { 'X-Other': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [expect.stringContaining("default-src 'none'")] },
    });
  });

  it('denies every permission request and check', () => {
    let request: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    denyAllPermissions({ setPermissionRequestHandler: (fn: never) => (request = fn), setPermissionCheckHandler: (fn: never) => (check = fn) } as never);
    const cb = vi.fn();
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) request?.({}, permission, cb);
    expect(cb.mock.calls.every(([granted]) => granted === false)).toBe(true);
    expect(cb).toHaveBeenCalledTimes(4);
    expect(check?.()).toBe(false);
  });

  it('blocks navigation away from the app and every new window', () => {
    const listeners = new Map<string, (event: { preventDefault: () => void }, url?: string) => void>();
    let openHandler: (() => unknown) | undefined;
    lockNavigation({ on: (name: string, fn: never) => listeners.set(name, fn), setWindowOpenHandler: (fn: never) => (openHandler = fn) } as never, isAppUrl);
    const away = { preventDefault: vi.fn() };
    listeners.get('will-navigate')?.(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const home = { preventDefault: vi.fn() };
    listeners.get('will-navigate')?.(home, appUrl);
    expect(home.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(openHandler?.()).toEqual({ action: 'deny' });
  });
});

describe('production window (issue #16, finding 4)', () => {
  it('has no DevTools and no menu bar unless started in development', () => {
    expect(registerWindowOptions('/p/preload.cjs')).toMatchObject({ autoHideMenuBar: true, webPreferences: { devTools: false } });
    expect(registerWindowOptions('/p/preload.cjs', { development: true }).webPreferences?.devTools).toBe(true);
  });
});

describe('the app:// scheme (issue #16, findings 8 and 11)', () => {
  const folder = tempDir();
  const renderer = join(folder.path, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(renderer, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(folder.path, 'secret.txt'), 'outside the renderer');
  afterAll(() => folder.cleanup());
  const serve = appProtocolHandler(renderer);
  const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

  it.each([
    ['app://register/index.html', 'text/html; charset=utf-8', '<!doctype html>'],
    ['app://register/assets/app.js', 'text/javascript; charset=utf-8', 'export {};'],
    ['app://register/assets/app.css', 'text/css; charset=utf-8', 'body{}'],
    ['app://register/', 'text/html; charset=utf-8', '<!doctype html>'],
  ])('serves %s as %s', async (url, type, start) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect((await response.text()).startsWith(start)).toBe(true);
  });

  it.each(['app://register/%2e%2e/secret.txt', 'app://register/..%2fsecret.txt', 'app://register/%2e%2e%2fsecret.txt', 'app://register/%E0%A4%A'])(
    'never serves anything outside the renderer folder: %s',
    async (url) => {
      const response = await get(url);
      expect(await response.text()).not.toContain('outside the renderer');
    },
  );

  it('answers only its own host and only reads', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get('app://register/index.html', 'POST')).status).toBe(405);
  });

  it('tells the register’s own URLs by parsed scheme and host, not by prefix', () => {
    const packaged = appUrlMatcher(null);
    expect(packaged('app://register/index.html')).toBe(true);
    expect(packaged('app://register.evil.example/index.html')).toBe(false);
    expect(packaged('app://register@evil.example/')).toBe(false);
    expect(packaged('file:///opt/greentill/out/renderer/index.html')).toBe(false);
    expect(packaged('http://localhost:5173/')).toBe(false);
    const development = appUrlMatcher('http://localhost:5173');
    expect(development('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(development('http://localhost:5174/')).toBe(false);
  });
});
