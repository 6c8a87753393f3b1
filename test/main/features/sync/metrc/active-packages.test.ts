import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../../src/shared/errors';
import { downloadActivePackages } from '../../../../../src/main/features/sync/metrc/active-packages';
import { GetPacer } from '../../../../../src/metrc/get-pacer';
import { MetrcHttp } from '../../../../../src/metrc/http';
import { startFakeMetrc, type FakeMetrc, type FakeMetrcOptions, type FakeMetrcPackageSeed } from '../../../../support/fake-metrc';
import { testMetrcCredentials } from '../../../../support/metrc-lane';

const credentials = testMetrcCredentials;
const label = (n: number) => `1A4000000000000000${String(n).padStart(6, '0')}`;
const seeds = (n: number): FakeMetrcPackageSeed[] =>
  Array.from({ length: n }, (_, i) => ({
    Label: label(i + 1),
    Quantity: i + 0.5,
    UnitOfMeasureName: 'Grams',
    IsOnHold: i === 3,
    Item: { Name: `Item ${i + 1}` },
  }));

let fake: FakeMetrc | undefined;
let raw: { close: () => Promise<void> } | undefined;
afterEach(async () => {
  await fake?.close();
  await raw?.close();
  fake = undefined;
  raw = undefined;
});

async function startFake(options: Partial<FakeMetrcOptions> = {}): Promise<FakeMetrc> {
  fake = await startFakeMetrc({ ...credentials, ...options });
  return fake;
}

const httpFor = (url: string, overrides: Partial<Record<keyof typeof credentials, string>> = {}, pacer?: GetPacer) =>
  new MetrcHttp({ baseUrl: url, ...credentials, ...overrides, timeoutMs: 2_000 }, pacer);

/** A server answering whatever the test says, for answers the fake Metrc never gives. */
async function startRaw(answer: (url: URL, count: number) => { status: number; body: string; type?: string }): Promise<{ url: string; requests: URL[] }> {
  const requests: URL[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://raw');
    requests.push(url);
    const { status, body, type } = answer(url, requests.length);
    res.statusCode = status;
    res.setHeader('Content-Type', type ?? 'application/json');
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  raw = { close: () => new Promise((resolve) => server.close(() => resolve())) };
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('active packages download', () => {
  it('v2: reads 45 packages over three pages of 20, in order, with the fields the register uses', async () => {
    const metrc = await startFake({ packages: seeds(45) });
    const packages = await downloadActivePackages(httpFor(metrc.url), 'v2');
    expect(packages).toHaveLength(45);
    expect(packages.map((p) => p.label)).toEqual(seeds(45).map((s) => s.Label));
    expect(packages[3]).toEqual({
      metrcId: 4,
      label: label(4),
      quantity: 3.5,
      unitOfMeasureName: 'Grams',
      onHold: true,
      itemName: 'Item 4',
      lastModified: expect.stringMatching(/\+00:00$/),
    });
    expect(metrc.stats.gets).toBe(3);
    expect(metrc.stats.rejected429).toBe(0);
  });

  it('v1: one GET, a bare array', async () => {
    const metrc = await startFake({ packages: seeds(45) });
    const packages = await downloadActivePackages(httpFor(metrc.url), 'v1');
    expect(packages.map((p) => p.label)).toEqual(seeds(45).map((s) => s.Label));
    expect(metrc.stats.gets).toBe(1);
  });

  it('an empty facility is an empty list, not an error', async () => {
    const metrc = await startFake();
    expect(await downloadActivePackages(httpFor(metrc.url), 'v2')).toEqual([]);
    expect(await downloadActivePackages(httpFor(metrc.url), 'v1')).toEqual([]);
  });

  it('pages go through the shared pacer: 8 pages against a Metrc allowing 2 GETs at once never meet a 429', async () => {
    const metrc = await startFake({ packages: seeds(150), maxConcurrentGets: 2, latencyMs: 30 });
    const packages = await downloadActivePackages(httpFor(metrc.url, {}, new GetPacer({ concurrent: 2 })), 'v2', { retryDelaysMs: [] });
    expect(packages).toHaveLength(150);
    expect(metrc.stats).toMatchObject({ gets: 8, rejected429: 0 });
  });

  it('wrong keys → METRC_UNAUTHORIZED; an unreachable Metrc → METRC_UNREACHABLE', async () => {
    const metrc = await startFake({ packages: seeds(3) });
    const refused = await failure(downloadActivePackages(httpFor(metrc.url, { vendorKey: 'not-the-key' }), 'v2'));
    expect(refused.code).toBe('METRC_UNAUTHORIZED');
    expect(refused.message).toContain('Authorization has been denied');
    await metrc.stop();
    expect((await failure(downloadActivePackages(httpFor(metrc.url), 'v2'))).code).toBe('METRC_UNREACHABLE');
  });

  it('a plain-text 401 (a key enabled only for v1) is METRC_UNAUTHORIZED with Metrc’s words', async () => {
    const server = await startRaw(() => ({ status: 401, body: 'Unauthorized: this API key is not enabled for v2', type: 'text/plain' }));
    const error = await failure(downloadActivePackages(httpFor(server.url), 'v2'));
    expect(error.code).toBe('METRC_UNAUTHORIZED');
    expect(error.message).toContain('this API key is not enabled for v2');
  });

  it('a 429 is retried after a pause, and becomes METRC_RATE_LIMITED when it persists', async () => {
    const once = await startRaw((_url, count) =>
      count === 1 ? { status: 429, body: '{"Message":"Too many requests."}' } : { status: 200, body: JSON.stringify([]) },
    );
    expect(await downloadActivePackages(httpFor(once.url), 'v1', { retryDelaysMs: [5] })).toEqual([]);
    expect(once.requests).toHaveLength(2);
    await raw?.close();
    const always = await startRaw(() => ({ status: 429, body: '{"Message":"Too many requests."}' }));
    const error = await failure(downloadActivePackages(httpFor(always.url), 'v1', { retryDelaysMs: [5, 5] }));
    expect(error.code).toBe('METRC_RATE_LIMITED');
    expect(always.requests).toHaveLength(3);
  });

  it('a 5xx that persists is METRC_SERVER_ERROR; a missing endpoint is METRC_NOT_FOUND', async () => {
    const broken = await startRaw(() => ({ status: 503, body: '{"Message":"Service unavailable."}' }));
    expect((await failure(downloadActivePackages(httpFor(broken.url), 'v2', { retryDelaysMs: [] }))).code).toBe('METRC_SERVER_ERROR');
    await raw?.close();
    const missing = await startRaw(() => ({ status: 404, body: '{"Message":"No HTTP resource was found that matches the request URI."}' }));
    const error = await failure(downloadActivePackages(httpFor(missing.url), 'v1'));
    expect(error.code).toBe('METRC_NOT_FOUND');
    expect(error.message).toContain('/packages/v1/active');
  });

  it.each([
    ['an HTML page', 'v2', '<html>Maintenance</html>', 'the answer: Invalid input: expected object, received string'],
    [
      'a quantity as text',
      'v2',
      JSON.stringify({
        Data: [{ Label: label(1), Quantity: '3.5', UnitOfMeasureName: 'Grams', IsOnHold: false, Item: { Name: 'X' } }],
        TotalPages: 1,
        TotalRecords: 1,
      }),
      'Data[0].Quantity: Invalid input: expected number, received string',
    ],
    [
      'a package without its item',
      'v2',
      JSON.stringify({ Data: [{ Label: label(1), Quantity: 1, UnitOfMeasureName: 'Each', IsOnHold: false }], TotalPages: 1 }),
      'Data[0].Item: Invalid input: expected object, received undefined',
    ],
    [
      'a short tag',
      'v1',
      JSON.stringify([{ Label: 'ABC', Quantity: 1, UnitOfMeasureName: 'Each', IsOnHold: false, Item: { Name: 'X' } }]),
      '[0].Label: expected a 24-character package tag',
    ],
    [
      'an envelope where v1 answers a bare array',
      'v1',
      JSON.stringify({ Data: [], TotalPages: 0 }),
      'the answer: Invalid input: expected array, received object',
    ],
    [
      'pages that hold fewer packages than counted',
      'v2',
      JSON.stringify({ Data: [], TotalPages: 1, TotalRecords: 3 }),
      'the pages held 0 packages but Metrc counted 3',
    ],
  ] as const)('an unexpected answer (%s) is METRC_UNEXPECTED_ANSWER naming what was wrong', async (_name, version, body, detail) => {
    const server = await startRaw(() => ({ status: 200, body, type: body.startsWith('<') ? 'text/html' : 'application/json' }));
    const error = await failure(downloadActivePackages(httpFor(server.url), version));
    expect(error.code).toBe('METRC_UNEXPECTED_ANSWER');
    expect(error.message).toContain(detail);
  });

  it('a list that changes under the pages is read again, then refused as METRC_LIST_CHANGED', async () => {
    const row = (n: number) => ({ Label: label(n), Quantity: 1, UnitOfMeasureName: 'Each', IsOnHold: false, Item: { Name: 'X' } });
    // Page 2 always counts one package more than page 1 did: a sale finishing/receiving packages mid-read.
    const server = await startRaw((url) => {
      const page = Number(url.searchParams.get('pageNumber'));
      return {
        status: 200,
        body: JSON.stringify({
          Data: page === 1 ? Array.from({ length: 20 }, (_, i) => row(i + 1)) : [row(21)],
          TotalPages: 2,
          TotalRecords: page === 1 ? 21 : 22,
        }),
      };
    });
    const error = await failure(downloadActivePackages(httpFor(server.url), 'v2'));
    expect(error.code).toBe('METRC_LIST_CHANGED');
    expect(server.requests).toHaveLength(4);
    expect(server.requests.map((u) => [u.searchParams.get('pageNumber'), u.searchParams.get('pageSize'), u.searchParams.get('licenseNumber')])).toEqual([
      ['1', '20', credentials.licenseNumber],
      ['2', '20', credentials.licenseNumber],
      ['1', '20', credentials.licenseNumber],
      ['2', '20', credentials.licenseNumber],
    ]);
  });
});
