import { mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../../src/main/core/create-core';
import { startHeadlessHost, type HeadlessHost } from '../../../../src/main/entries/headless/host';
import { CORE_GENERATION_HEADER } from '../../../../src/shared/bridge';
import { isLoopbackHost } from '../../../../src/main/entries/headless/loopback';
import { repoRoot } from '../../../support/cli';
import { openTempDatabase, tempDir, type TempDatabase, testPiiKeys } from '../../../support/temp-db';

let database: TempDatabase;
let host: HeadlessHost;
const staticDir = tempDir();

beforeAll(async () => {
  database = openTempDatabase({ demo: true });
  mkdirSync(join(staticDir.path, 'assets'));
  writeFileSync(join(staticDir.path, 'index.html'), '<!doctype html><title>register</title>');
  writeFileSync(join(staticDir.path, 'assets', 'app.js'), 'console.log(1)');
  host = await startHeadlessHost({ invoke: createCore({ piiKeys: testPiiKeys, database }).invoke, staticDir: staticDir.path });
});
afterAll(async () => {
  await host.close();
  database.dispose();
  staticDir.cleanup();
});

const ipc = (name: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${host.origin}/ipc/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const auth = () => ({ authorization: `Bearer ${host.token}` });

/** fetch() will not let a test forge the Host header; node:http will. */
function getWithHost(path: string, hostHeader: string): Promise<number> {
  const url = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, headers: { host: hostHeader } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('headless host', () => {
  it('serves a command to a caller with the token', async () => {
    const response = await ipc('store-get', {}, auth());
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, value: { store: { state: 'CA', timeZone: 'America/Los_Angeles' } } });
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token' }],
    ['the token without the scheme', { authorization: 'x' }],
  ])('refuses a request with %s', async (_label, headers: Record<string, string>) => {
    const response = await ipc('customer-create', { customerType: 'adult', firstName: 'A', lastName: 'B', dateOfBirth: '1990-01-01' }, headers);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect((database.sqlite.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n).toBe(4);
  });

  it('answers a malformed body with a typed error', async () => {
    const response = await fetch(`${host.origin}/ipc/store-get`, { method: 'POST', headers: auth(), body: '{not json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('reads a request as large as a quality incident photo (2 MB, in base64): it reaches the core, not the size refusal', async () => {
    const photo = Buffer.alloc(2 * 1024 * 1024, 1).toString('base64');
    const largest = await fetch(`${host.origin}/ipc/qa-incident-photo-attach`, {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ incidentId: 'none', base64: photo }),
    });
    expect(largest.status).not.toBe(413);
    expect(await largest.json()).not.toMatchObject({ error: { message: 'The request is too large.' } });
  });

  it('gives the URL with the token in the fragment', () => {
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('serves the renderer with its CSP and falls back to index.html', async () => {
    const index = await fetch(`${host.origin}/`);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toContain('<title>register</title>');
    expect(await (await fetch(`${host.origin}/assets/app.js`)).text()).toBe('console.log(1)');
    expect(await (await fetch(`${host.origin}/checkout`)).text()).toContain('<title>register</title>');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fregister.sqlite']) {
      const text = await (await fetch(`${host.origin}${path}`)).text();
      expect(text).not.toContain('root:');
      expect(text).not.toContain('"dependencies"');
    }
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    expect(await getWithHost('/', 'evil.example:80')).toBe(421);
    expect(await getWithHost('/', new URL(host.origin).host)).toBe(200);
  });

  it.each(['0.0.0.0', '192.168.1.20', '10.0.0.5', '::', 'example.com'])('refuses to bind %s', async (address) => {
    await expect(startHeadlessHost({ invoke: async () => ({ ok: true, value: null }), staticDir: staticDir.path, host: address })).rejects.toMatchObject({
      code: 'HOST_NOT_LOOPBACK',
    });
  });
});

describe('headless host: what a page elsewhere or a broken request gets (issue #16, finding 10)', () => {
  it('refuses a call sent by another site’s page, even with the token', async () => {
    const evil = await ipc('store-get', {}, { ...auth(), origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await ipc('store-get', {}, { ...auth(), origin: host.origin })).status).toBe(200);
  });

  it('answers a malformed percent-encoding with 400, not 500', async () => {
    const response = await ipc('store%E0%A4%A', {}, auth());
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it.each([
    ['a host that is not loopback', { GREENTILL_HOST: '0.0.0.0' }],
    ['a port already in use', { GREENTILL_PORT: 'in-use' }],
  ])('exits non-zero, saying why, when it cannot listen: %s', async (_label, env) => {
    const dir = tempDir();
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const blockedPort = String((blocker.address() as AddressInfo).port);
    try {
      const started = Date.now();
      const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'src/main/entries/headless/start.ts')], {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          ...process.env,
          GREENTILL_LOG_LEVEL: 'silent',
          GREENTILL_DB: join(dir.path, 'register.sqlite'),
          ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === 'in-use' ? blockedPort : v])),
        },
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('did not start');
      expect(Date.now() - started).toBeLessThan(60_000);
    } finally {
      blocker.close();
      dir.cleanup();
    }
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.10.0.3', true],
    ['::1', true],
    ['[::1]', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['128.0.0.1', false],
    ['127.0.0.1.evil.com', false],
  ])('%s → %s', (host, expected) => expect(isLoopbackHost(host)).toBe(expected));
});

describe('headless host: the core generation on every answer (issue #19)', () => {
  it('sends how many times the core was started again, so the page sees a restart; nothing when there is no core process', async () => {
    let generation = 0;
    const withCore = await startHeadlessHost({ invoke: async () => ({ ok: true, value: {} }), staticDir: staticDir.path, coreGeneration: () => generation });
    try {
      const call = () => fetch(`${withCore.origin}/ipc/store-get`, { method: 'POST', headers: { authorization: `Bearer ${withCore.token}` }, body: '{}' });
      expect((await call()).headers.get(CORE_GENERATION_HEADER)).toBe('0');
      generation = 1;
      expect((await call()).headers.get(CORE_GENERATION_HEADER)).toBe('1');
    } finally {
      await withCore.close();
    }
    expect((await ipc('store-get', {}, auth())).headers.get(CORE_GENERATION_HEADER)).toBeNull();
  });
});
