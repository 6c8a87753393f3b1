import { afterEach, describe, expect, it } from 'vitest';
import { type FakeMetrc, type FakeMetrcOptions, startFakeMetrc } from '../../../support/fake-metrc';

const KEYS = { vendorKey: 'vendor-key', userKey: 'user-key', licenseNumber: 'LIC-0001' } as const;
const LABEL = `1A4${'0'.repeat(20)}1`;
const MISSING = `1A4${'0'.repeat(20)}9`;

let fake: FakeMetrc | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: Partial<FakeMetrcOptions> = {}): Promise<FakeMetrc> {
  fake = await startFakeMetrc({ ...KEYS, ...options });
  return fake;
}

interface CallOptions {
  body?: unknown;
  rawBody?: string;
  licence?: string | null;
  query?: Record<string, string>;
  keys?: { vendor: string; user: string } | null;
}

interface Reply {
  status: number;
  text: string;
  body: unknown;
  headers: Headers;
}

async function call(server: FakeMetrc, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const url = new URL(path, server.url);
  const licence = options.licence === undefined ? KEYS.licenseNumber : options.licence;
  if (licence !== null) url.searchParams.set('licenseNumber', licence);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const keys = options.keys === undefined ? { vendor: KEYS.vendorKey, user: KEYS.userKey } : options.keys;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (keys) headers['Authorization'] = `Basic ${Buffer.from(`${keys.vendor}:${keys.user}`).toString('base64')}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, text, body: parsed, headers: response.headers };
}

function receipt(external: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    SalesDateTime: '2026-02-08T16:44:53.000',
    SalesCustomerType: 'Consumer',
    PatientLicenseNumber: null,
    ExternalReceiptNumber: external,
    Transactions: [
      { PackageLabel: LABEL, Quantity: 1, UnitOfMeasure: 'Each', TotalAmount: 25.5 },
      { PackageLabel: LABEL, Quantity: 2.5, UnitOfMeasure: 'Grams', TotalAmount: 10.25 },
    ],
    ...overrides,
  };
}

const receipts = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => receipt(`${prefix}-${i + 1}`));

/** The cause code of a rejected fetch (undici wraps socket errors in TypeError('fetch failed')). */
async function failureOf(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TypeError);
  const cause = (error as { cause?: { code?: string; name?: string } }).cause;
  return cause?.code ?? cause?.name ?? 'unknown';
}

describe('fake Metrc: auth and licence', () => {
  it('answers 401 for wrong or missing keys and a foreign licence, 400 without a licence, and stores nothing', async () => {
    const server = await start();
    const wrong = await call(server, 'POST', '/sales/v2/receipts', { body: [receipt('S-1')], keys: { vendor: KEYS.vendorKey, user: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ Message: expect.stringContaining('denied') });
    expect((await call(server, 'GET', '/sales/v2/receipts/active', { keys: { vendor: 'other', user: KEYS.userKey } })).status).toBe(401);
    expect((await call(server, 'GET', '/sales/v2/receipts/active', { keys: null })).status).toBe(401);
    expect((await call(server, 'POST', '/sales/v2/receipts', { body: [receipt('S-1')], licence: 'LIC-OTHER' })).status).toBe(401);
    const noLicence = await call(server, 'GET', '/sales/v2/receipts/active', { licence: null });
    expect(noLicence.status).toBe(400);
    expect(noLicence.body).toEqual({ Message: expect.any(String) });
    expect((await call(server, 'GET', '/sales/v2/nothing-here')).status).toBe(404);
    expect(server.receipts()).toEqual([]);
  });
});

describe('fake Metrc: receipts', () => {
  it('stores a valid POST, answers the Ids, and stores a duplicate external number again (as Metrc does)', async () => {
    const server = await start();
    const first = await call(server, 'POST', '/sales/v2/receipts', {
      body: [receipt('S-1'), receipt('S-2', { SalesCustomerType: 'Patient', PatientLicenseNumber: 'P-1' })],
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ Ids: [1, 2], Warnings: null });
    const again = await call(server, 'POST', '/sales/v2/receipts', { body: [receipt('S-1')] });
    expect(again.body).toEqual({ Ids: [3], Warnings: null });
    const stored = server.receipts();
    expect(stored.map((r) => [r.Id, r.ReceiptNumber, r.ExternalReceiptNumber])).toEqual([
      [1, '1', 'S-1'],
      [2, '2', 'S-2'],
      [3, '3', 'S-1'],
    ]);
    expect(stored[0]).toMatchObject({
      SalesDateTime: '2026-02-08T16:44:53.000',
      TotalPrice: 35.75,
      TotalPackages: 1,
      IsFinal: false,
      ArchivedDate: null,
      PatientLicenseNumber: null,
    });
    expect(stored[0]?.Transactions).toHaveLength(2);
    expect(stored[0]?.LastModified).toMatch(/\+00:00$/);
    expect(stored[1]?.PatientLicenseNumber).toBe('P-1');
    const byId = await call(server, 'GET', '/sales/v2/receipts/2');
    expect(byId.body).toMatchObject({ Id: 2, ExternalReceiptNumber: 'S-2' });
    expect((await call(server, 'GET', '/sales/v2/receipts/99')).status).toBe(401);
    expect(server.stats.posts).toBe(2);
  });

  it('v1 POST stores the receipt and answers 200 with an empty body', async () => {
    const server = await start();
    const reply = await call(server, 'POST', '/sales/v1/receipts', { body: [receipt('S-1')] });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    expect(server.receipts().map((r) => r.ExternalReceiptNumber)).toEqual(['S-1']);
  });

  it('rejects the whole batch with row errors for an unknown package', async () => {
    const server = await start({ knownPackages: (label) => label !== MISSING });
    const bad = receipt('S-2', { Transactions: [{ PackageLabel: MISSING, Quantity: 1, UnitOfMeasure: 'Each', TotalAmount: 5 }] });
    const reply = await call(server, 'POST', '/sales/v2/receipts', { body: [receipt('S-1'), bad] });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual([{ row: 1, message: `Package ${MISSING} does not exist in the current Facility.` }]);
    expect(server.receipts()).toEqual([]);
  });

  it('rejects SalesDateTime with an offset or Z, and other invalid rows, storing nothing', async () => {
    const server = await start();
    const reply = await call(server, 'POST', '/sales/v2/receipts', {
      body: [
        receipt('S-1', { SalesDateTime: '2026-02-08T16:44:53Z' }),
        receipt('S-2'),
        receipt('S-3', { SalesDateTime: '2026-02-08T16:44:53.000-08:00' }),
        receipt('S-4', { SalesCustomerType: 'Patient' }),
        receipt('S-5', { Transactions: [] }),
        receipt('S-6', { Transactions: [{ PackageLabel: LABEL, Quantity: 0, UnitOfMeasure: 'Each', TotalAmount: 1 }] }),
        receipt('S-7', { Transactions: [{ PackageLabel: LABEL, Quantity: 1, UnitOfMeasure: 'ea', TotalAmount: 1 }] }),
      ],
    });
    expect(reply.status).toBe(400);
    const rows = reply.body as Array<{ row: number; message: string }>;
    expect(rows.map((r) => r.row)).toEqual([0, 2, 3, 4, 5, 6]);
    expect(rows[0]?.message).toContain('SalesDateTime');
    expect(server.receipts()).toEqual([]);
  });

  it('answers 413 for 11 receipts and 400 {Message} for a non-array or broken body', async () => {
    const server = await start();
    expect((await call(server, 'POST', '/sales/v2/receipts', { body: receipts('S', 11) })).status).toBe(413);
    const object = await call(server, 'POST', '/sales/v2/receipts', { body: receipt('S-1') });
    expect(object.status).toBe(400);
    expect(object.body).toEqual({ Message: expect.any(String) });
    expect((await call(server, 'POST', '/sales/v2/receipts', { rawBody: '[{' })).status).toBe(400);
    expect(server.receipts()).toEqual([]);
    expect((await call(server, 'POST', '/sales/v2/receipts', { body: receipts('S', 10) })).status).toBe(200);
    expect(server.receipts()).toHaveLength(10);
  });

  it('finds a receipt by external number (the most recent of duplicates) and answers 404 for a miss', async () => {
    const server = await start();
    await call(server, 'POST', '/sales/v2/receipts', { body: [receipt('S-1'), receipt('S/2'), receipt('S-1')] });
    const hit = await call(server, 'GET', '/sales/v2/receipts/external/S-1');
    expect(hit.status).toBe(200);
    expect(hit.body).toMatchObject({ Id: 3, ExternalReceiptNumber: 'S-1', TotalPrice: 35.75 });
    expect((await call(server, 'GET', `/sales/v2/receipts/external/${encodeURIComponent('S/2')}`)).body).toMatchObject({ Id: 2 });
    const miss = await call(server, 'GET', '/sales/v2/receipts/external/S-404');
    expect(miss.status).toBe(404);
    expect(miss.body).toEqual({ Message: 'No receipt found' });
  });

  it('updates with PUT (unknown Id → 401) and archives with DELETE, idempotently', async () => {
    const server = await start();
    await call(server, 'POST', '/sales/v2/receipts', { body: [receipt('S-1'), receipt('S-2')] });
    const put = await call(server, 'PUT', '/sales/v2/receipts', {
      body: [{ ...receipt('S-1'), Id: 1, Transactions: [{ PackageLabel: LABEL, Quantity: 1, UnitOfMeasure: 'Each', TotalAmount: 3 }] }],
    });
    expect(put.status).toBe(200);
    expect(put.text).toBe('');
    expect(server.receipts()[0]?.TotalPrice).toBe(3);
    expect((await call(server, 'PUT', '/sales/v2/receipts', { body: [{ ...receipt('S-9'), Id: 42 }] })).status).toBe(401);

    const del = await call(server, 'DELETE', '/sales/v2/receipts/1');
    expect(del.status).toBe(200);
    expect(del.text).toBe('');
    const archived = server.receipts()[0]?.ArchivedDate;
    expect(archived).toMatch(/\+00:00$/);
    expect((await call(server, 'DELETE', '/sales/v2/receipts/1')).status).toBe(200);
    expect(server.receipts()[0]?.ArchivedDate).toBe(archived);
    expect((await call(server, 'DELETE', '/sales/v2/receipts/77')).status).toBe(401);
    expect(server.receipts()[1]?.ArchivedDate).toBeNull();

    const active = (await call(server, 'GET', '/sales/v2/receipts/active')).body as { Data: Array<{ Id: number }> };
    const inactive = (await call(server, 'GET', '/sales/v2/receipts/inactive')).body as { Data: Array<{ Id: number }> };
    expect(active.Data.map((r) => r.Id)).toEqual([2]);
    expect(inactive.Data.map((r) => r.Id)).toEqual([1]);
  });
});

describe('fake Metrc: lists', () => {
  it('pages the active list in the v2 envelope and enforces pageSize ≤ 20 and 24-hour windows', async () => {
    const server = await start();
    await call(server, 'POST', '/sales/v2/receipts', { body: receipts('A', 10) });
    await call(server, 'POST', '/sales/v2/receipts', { body: receipts('B', 5) });
    const now = Date.now();
    const window = { lastModifiedStart: new Date(now - 60 * 60 * 1000).toISOString(), lastModifiedEnd: new Date(now + 60 * 1000).toISOString() };

    const page1 = await call(server, 'GET', '/sales/v2/receipts/active', { query: { ...window, pageSize: '10', pageNumber: '1' } });
    expect(page1.status).toBe(200);
    expect(page1.body).toMatchObject({ Total: 15, TotalRecords: 15, PageSize: 10, RecordsOnPage: 10, Page: 1, CurrentPage: 1, TotalPages: 2 });
    const page2 = (await call(server, 'GET', '/sales/v2/receipts/active', { query: { ...window, pageSize: '10', pageNumber: '2' } })).body as {
      Data: Array<{ ExternalReceiptNumber: string; Transactions: unknown[] }>;
      RecordsOnPage: number;
    };
    expect(page2.RecordsOnPage).toBe(5);
    expect(page2.Data.map((r) => r.ExternalReceiptNumber)).toEqual(['B-1', 'B-2', 'B-3', 'B-4', 'B-5']);
    expect(page2.Data[0]?.Transactions).toEqual([]);

    const past = { lastModifiedStart: new Date(now - 48 * 3600_000).toISOString(), lastModifiedEnd: new Date(now - 30 * 3600_000).toISOString() };
    expect((await call(server, 'GET', '/sales/v2/receipts/active', { query: past })).body).toMatchObject({ Data: [], Total: 0 });

    expect((await call(server, 'GET', '/sales/v2/receipts/active', { query: { ...window, pageSize: '21' } })).status).toBe(400);
    const wide = { lastModifiedStart: new Date(now - 25 * 3600_000).toISOString(), lastModifiedEnd: new Date(now).toISOString() };
    const tooWide = await call(server, 'GET', '/sales/v2/receipts/active', { query: wide });
    expect(tooWide.status).toBe(400);
    expect(tooWide.body).toEqual({ Message: expect.stringContaining('24 hours') });
    const both = await call(server, 'GET', '/sales/v2/receipts/active', { query: { ...window, salesDateStart: '2026-02-08', salesDateEnd: '2026-02-09' } });
    expect(both.status).toBe(400);

    const bySalesDate = (
      await call(server, 'GET', '/sales/v2/receipts/active', { query: { salesDateStart: '2026-02-08T00:00:00', salesDateEnd: '2026-02-08T23:59:59' } })
    ).body as { Total: number };
    expect(bySalesDate.Total).toBe(15);

    const v1 = await call(server, 'GET', '/sales/v1/receipts/active', { query: window });
    expect(Array.isArray(v1.body)).toBe(true);
    expect(v1.body).toHaveLength(15);
    expect((await call(server, 'GET', '/sales/v1/receipts/active', { query: wide })).status).toBe(400);
  });
});

describe('fake Metrc: GET rate limits', () => {
  it('answers 429 past the per-second limit; writes are not limited', async () => {
    const server = await start({ getRateLimitPerSecond: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await call(server, 'GET', '/sales/v2/receipts/active')).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect(server.stats.rejected429).toBe(3);
    for (let i = 0; i < 8; i += 1) expect((await call(server, 'POST', '/sales/v2/receipts', { body: [receipt(`W-${i}`)] })).status).toBe(200);
  });

  it('answers 429 beyond the concurrent GETs in flight', async () => {
    const server = await start({ maxConcurrentGets: 2, latencyMs: 200 });
    const replies = await Promise.all(Array.from({ length: 5 }, () => call(server, 'GET', '/sales/v2/receipts/active')));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429, 429, 429]);
    expect(replies.find((r) => r.status === 429)?.headers.get('Retry-After')).toBeNull();
    // Once the slow GETs finish, the slots are free again.
    expect((await call(server, 'GET', '/sales/v2/receipts/active')).status).toBe(200);
  });
});

describe('fake Metrc: faults and outages', () => {
  it('commitThenDrop stores the receipt but the client sees a socket error', async () => {
    const server = await start({ faults: { commitThenDrop: 1 } });
    const code = await failureOf(call(server, 'POST', '/sales/v2/receipts', { body: [receipt('S-1')] }));
    expect(code).not.toBe('unknown');
    expect(server.receipts().map((r) => r.ExternalReceiptNumber)).toEqual(['S-1']);
    expect(server.stats.faultsInjected).toBe(1);
    // GETs never get write faults.
    expect((await call(server, 'GET', '/sales/v2/receipts/external/S-1')).status).toBe(200);
  });

  it('error500, rateLimit429 (Retry-After only when asked) and dropBeforeCommit store nothing', async () => {
    const server = await start({ faults: { error500: 1 } });
    expect((await call(server, 'POST', '/sales/v2/receipts', { body: [receipt('S-1')] })).status).toBe(500);
    server.setFaults({ rateLimit429: 1, retryAfterHeader: true });
    const limited = await call(server, 'DELETE', '/sales/v2/receipts/1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('1');
    server.setFaults({ dropBeforeCommit: 1 });
    await failureOf(call(server, 'POST', '/sales/v2/receipts', { body: [receipt('S-2')] }));
    expect(server.receipts()).toEqual([]);
    expect(server.stats).toMatchObject({ faultsInjected: 3, rejected429: 1, posts: 2, deletes: 1 });
    server.setFaults({});
    expect((await call(server, 'POST', '/sales/v2/receipts', { body: [receipt('S-3')] })).status).toBe(200);
  });

  it('draws the same fault sequence for the same seed', async () => {
    const outcomes = async (): Promise<number[]> => {
      const server = await startFakeMetrc({ ...KEYS, faults: { error500: 0.5, seed: 7 } });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 12; i += 1) statuses.push((await call(server, 'POST', '/sales/v2/receipts', { body: [receipt(`S-${i}`)] })).status);
        return statuses;
      } finally {
        await server.close();
      }
    };
    const first = await outcomes();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await outcomes()).toEqual(first);
  });

  it('stop() refuses connections; start() serves again on the same url with the data kept', async () => {
    const server = await start();
    const url = server.url;
    await call(server, 'POST', '/sales/v2/receipts', { body: [receipt('S-1')] });
    await server.stop();
    expect(await failureOf(call(server, 'GET', '/sales/v2/receipts/external/S-1'))).toBe('ECONNREFUSED');
    await server.start();
    expect(server.url).toBe(url);
    const again = await call(server, 'GET', '/sales/v2/receipts/external/S-1');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ Id: 1 });
  });
});

describe('fake Metrc: patients and packages', () => {
  it('answers configured patient statuses and [] for unknown patients', async () => {
    const server = await start({ patients: { 'P-1': { FlowerOuncesAllowed: 2, FlowerOuncesPurchased: 0.5 } } });
    const known = await call(server, 'GET', '/patients/v2/statuses/P-1');
    expect(known.body).toEqual([expect.objectContaining({ PatientLicenseNumber: 'P-1', Active: true, FlowerOuncesAllowed: 2, FlowerOuncesAvailable: 1.5 })]);
    expect((await call(server, 'GET', '/patients/v2/statuses/P-2')).body).toEqual([]);
  });

  it('lists adjustment reasons and validates adjustments before storing them', async () => {
    const server = await start({ knownPackages: (label) => label === LABEL });
    const reasons = (await call(server, 'GET', '/packages/v2/adjust/reasons')).body as { Data: Array<{ Name: string; RequiresNote: boolean }> };
    expect(reasons.Data).toContainEqual({ Name: 'Theft', RequiresNote: true });
    const adjustment = { Label: LABEL, Quantity: -1, UnitOfMeasure: 'Each', AdjustmentReason: 'Theft', AdjustmentDate: '2026-02-08', ReasonNote: 'Shoplifted' };
    const bad = await call(server, 'POST', '/packages/v2/adjust', {
      body: [adjustment, { ...adjustment, ReasonNote: null }, { ...adjustment, Label: MISSING }],
    });
    expect(bad.status).toBe(400);
    expect((bad.body as Array<{ row: number }>).map((r) => r.row)).toEqual([1, 2]);
    expect(server.adjustments()).toEqual([]);
    const ok = await call(server, 'POST', '/packages/v2/adjust', { body: [adjustment] });
    expect(ok.body).toEqual({ Ids: [1], Warnings: null });
    expect(server.adjustments()).toEqual([expect.objectContaining({ Label: LABEL, Quantity: -1, AdjustmentReason: 'Theft', ReasonNote: 'Shoplifted' })]);
  });
});

describe('fake Metrc: active packages', () => {
  const tag = (n: number) => `1A4${String(n).padStart(21, '0')}`;
  const seeded = (n: number) => Array.from({ length: n }, (_, i) => ({ Label: tag(i + 1), Quantity: i + 1, UnitOfMeasureName: 'Each' }));

  it('pages the active packages in the v2 envelope (pageSize ≤ 20) and answers v1 a bare array', async () => {
    const server = await start({ packages: seeded(45) });
    const page3 = await call(server, 'GET', '/packages/v2/active', { query: { pageSize: '20', pageNumber: '3' } });
    expect(page3.status).toBe(200);
    expect(page3.body).toMatchObject({ Total: 45, TotalRecords: 45, PageSize: 20, RecordsOnPage: 5, Page: 3, CurrentPage: 3, TotalPages: 3 });
    const data = (page3.body as { Data: Array<Record<string, unknown>> }).Data;
    expect(data.map((p) => p['Label'])).toEqual([tag(41), tag(42), tag(43), tag(44), tag(45)]);
    expect(data[0]).toEqual({
      Id: 41,
      Label: tag(41),
      PackageType: 'Product',
      Quantity: 41,
      UnitOfMeasureName: 'Each',
      PackagedDate: '2026-08-01',
      LabTestingState: 'TestPassed',
      IsOnHold: false,
      IsFinished: false,
      ArchivedDate: null,
      LastModified: expect.stringMatching(/\+00:00$/),
      Item: { Name: `Item ${tag(41)}`, ProductCategoryName: 'Buds' },
    });
    expect((await call(server, 'GET', '/packages/v2/active', { query: { pageSize: '21' } })).status).toBe(400);
    expect((await call(server, 'GET', '/packages/v2/active')).body).toMatchObject({ TotalPages: 1, RecordsOnPage: 45 });
    const v1 = await call(server, 'GET', '/packages/v1/active');
    expect(v1.body).toHaveLength(45);
  });

  it('leaves finished and archived packages out, checks the licence, and can be re-seeded', async () => {
    const server = await start({
      packages: [
        ...seeded(2),
        { Label: tag(3), Quantity: 0, UnitOfMeasureName: 'Grams', IsFinished: true },
        { Label: tag(4), Quantity: 1, UnitOfMeasureName: 'Grams', ArchivedDate: '2026-02-01' },
      ],
    });
    expect(((await call(server, 'GET', '/packages/v1/active')).body as Array<{ Label: string }>).map((p) => p.Label)).toEqual([tag(1), tag(2)]);
    expect(server.packages()).toHaveLength(4);
    expect((await call(server, 'GET', '/packages/v2/active', { licence: 'OTHER-LIC' })).status).toBe(401);
    expect((await call(server, 'GET', '/packages/v2/active', { licence: null })).status).toBe(400);
    server.setPackages([{ Label: tag(9), Quantity: 2.5, UnitOfMeasureName: 'Grams', IsOnHold: true, Item: { Name: 'House Flower' } }]);
    expect((await call(server, 'GET', '/packages/v2/active', { query: { pageSize: '20', pageNumber: '1' } })).body).toMatchObject({
      TotalRecords: 1,
      Data: [{ Id: 1, Label: tag(9), Quantity: 2.5, IsOnHold: true, Item: { Name: 'House Flower', ProductCategoryName: 'Buds' } }],
    });
  });

  it('counts the active packages GET against the per-second limit', async () => {
    const server = await start({ packages: seeded(1), getRateLimitPerSecond: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await call(server, 'GET', '/packages/v2/active')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});
