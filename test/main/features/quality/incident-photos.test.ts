import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { runCli } from '../../../../src/main/entries/cli/index';
import { captureIo } from '../../../support/cli';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INCIDENT_PHOTO_MAX_BYTES } from '../../../../src/shared/contract/quality';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { value } from '../../../support/result';
import { signIn } from '../../../support/session';

/** A 1×1 PNG, as a phone or the counter's canvas would send one (base64). */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]);

let counter: Counter;
let incidentId: string;
beforeEach(async () => {
  counter = await registerAtTheCounter({ role: 'manager' });
  // A package with a batch (the vape's certificate batch), so the batch view and the export both reach the incident.
  const tag = (
    counter.database.sqlite
      .prepare("SELECT k.tag FROM packages k JOIN products p ON p.id = k.product_id WHERE p.name = 'Blue Dream Vape Cartridge 0.5g' ORDER BY k.tag LIMIT 1")
      .get() as { tag: string }
  ).tag;
  incidentId = value(await counter.core.send('qa-incident-open', { category: 'hardware_failure', customerWords: 'Cart leaks', packageTag: tag })).incidentId;
});
afterEach(() => counter.dispose());

const attach = (base64: string) => counter.core.send('qa-incident-photo-attach', { incidentId, base64 });
const errorOf = async (result: Promise<{ ok: boolean; error?: { code: string } }>) => {
  const r = await result;
  return r.ok ? 'ok' : r.error?.code;
};
const audit = () =>
  counter.database.sqlite.prepare("SELECT action, before, after FROM audit_log WHERE action LIKE 'quality.photo%' ORDER BY seq").all() as Array<{
    action: string;
    before: string | null;
    after: string;
  }>;

describe('photos on a quality incident', () => {
  it('keeps a PNG in the register with who attached it, audits its SHA-256 and size (never the bytes), and serves it back', async () => {
    const view = value(await attach(PNG));
    expect(view.photos).toEqual([
      { photoId: expect.any(String), mimeType: 'image/png', bytes: 70, attachedBy: expect.any(String), attachedAt: '2026-11-24T18:00:00.000Z', removed: null },
    ]);
    const photoId = view.photos[0]!.photoId;
    expect(value(await counter.core.send('qa-incident-photo', { photoId }))).toEqual({ mimeType: 'image/png', base64: PNG });
    expect(value(await counter.core.send('qa-incident-get', { incidentId })).photos).toHaveLength(1);
    const sha256 = createHash('sha256').update(Buffer.from(PNG, 'base64')).digest('hex');
    const [entry] = audit();
    expect(entry?.action).toBe('quality.photo_attach');
    expect(JSON.parse(entry!.after)).toEqual({ photoId, mimeType: 'image/png', bytes: 70, sha256 });
    expect(entry!.after).not.toContain(PNG.slice(0, 16));
  });

  it('tells the type by the bytes: a JPEG is kept as one, text named .png is refused and nothing is written', async () => {
    expect(value(await attach(JPEG_HEAD.toString('base64'))).photos[0]?.mimeType).toBe('image/jpeg');
    expect(await errorOf(attach(Buffer.from('GIF89a not a photo at all').toString('base64')))).toBe('QA_PHOTO_TYPE');
    expect(await errorOf(attach(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')))).toBe('QA_PHOTO_TYPE');
    expect(counter.database.sqlite.prepare('SELECT count(*) AS n FROM qa_incident_photos').get()).toEqual({ n: 1 });
    expect(audit()).toHaveLength(1);
  });

  it('refuses a photo over 2 MB with its own code, and a fifth photo', async () => {
    const big = Buffer.alloc(INCIDENT_PHOTO_MAX_BYTES + 1);
    Buffer.from(PNG, 'base64').copy(big);
    expect(await errorOf(attach(big.toString('base64')))).toBe('QA_PHOTO_TOO_LARGE');
    const atLimit = Buffer.alloc(INCIDENT_PHOTO_MAX_BYTES);
    Buffer.from(PNG, 'base64').copy(atLimit);
    value(await attach(atLimit.toString('base64')));
    for (let i = 0; i < 3; i += 1) value(await attach(PNG));
    expect(await errorOf(attach(PNG))).toBe('QA_PHOTO_LIMIT');
    expect(counter.database.sqlite.prepare('SELECT count(*) AS n FROM qa_incident_photos').get()).toEqual({ n: 4 });
  });

  it('a manager removes one with a reason: the bytes are deleted, the row and the audit keep who, when and why; it no longer counts', async () => {
    for (let i = 0; i < 4; i += 1) value(await attach(PNG));
    const photoId = value(await counter.core.send('qa-incident-get', { incidentId })).photos[0]!.photoId;
    counter.clock.now = new Date('2026-11-24T19:00:00Z');
    const view = value(await counter.core.send('qa-incident-photo-remove', { photoId, reason: 'Shows the customer’s face' }));
    expect(view.photos[0]?.removed).toEqual({ at: '2026-11-24T19:00:00.000Z', reason: 'Shows the customer’s face' });
    expect(
      counter.database.sqlite.prepare('SELECT data, removed_by AS removedBy, removal_reason AS reason FROM qa_incident_photos WHERE id = ?').get(photoId),
    ).toEqual({
      data: null,
      removedBy: 'staff-demo-manager',
      reason: 'Shows the customer’s face',
    });
    expect(await errorOf(counter.core.send('qa-incident-photo', { photoId }))).toBe('QA_PHOTO_REMOVED');
    expect(await errorOf(counter.core.send('qa-incident-photo-remove', { photoId, reason: 'again' }))).toBe('QA_PHOTO_REMOVED');
    const removal = audit().find((e) => e.action === 'quality.photo_remove');
    expect(JSON.parse(removal!.before!)).toMatchObject({ photoId, bytes: 70 });
    // Room for one more: the removed photo no longer counts against the four.
    value(await attach(PNG));
  });

  it('only a manager may remove a photo: a shift lead who attaches one cannot take it back out', async () => {
    value(await counter.core.send('staff-save', { displayName: 'Casey Care', role: 'lead', active: true, pin: '482913' }));
    const photoId = value(await attach(PNG)).photos[0]!.photoId;
    const lead = counter.database.sqlite.prepare("SELECT id FROM staff WHERE display_name = 'Casey Care'").get() as { id: string };
    value(await counter.core.send('session-sign-out', {}));
    value(await counter.core.send('session-sign-in', { staffId: lead.id, pin: '482913' }));
    value(await attach(PNG));
    expect(await errorOf(counter.core.send('qa-incident-photo-remove', { photoId, reason: 'Blurry' }))).toBe('FORBIDDEN');
    await signIn(counter.core, 'manager');
  });

  it('refuses a payload that is not base64, or far over the cap, before the core reads it', async () => {
    expect(await errorOf(attach('not base64!'))).toBe('INVALID_INPUT');
    expect(await errorOf(attach('A'.repeat(3 * 1024 * 1024)))).toBe('INVALID_INPUT');
  });

  it('the incident export and the batch view count the photos each incident keeps (removed ones not)', async () => {
    const view = value(await attach(PNG));
    value(await attach(PNG));
    value(await counter.core.send('qa-incident-photo-remove', { photoId: view.photos[0]!.photoId, reason: 'Wrong product' }));
    const tag = (counter.database.sqlite.prepare('SELECT tag FROM packages WHERE tag <> ? ORDER BY tag LIMIT 1').get(view.packageTag) as { tag: string }).tag;
    value(await counter.core.send('qa-incident-open', { category: 'mislabel', customerWords: 'Label says 1g', packageTag: tag }));

    const csv = captureIo();
    expect(await runCli(['qa-export', '--db', join(counter.database.dir, 'register.sqlite'), '--incidents'], csv)).toBe(0);
    const [header, first, second] = csv.out().split('\r\n');
    expect(header).toBe('"incidentNumber","category","status","productId","batch","packageTag","saleId","resolution","openedAt","resolvedAt","photoCount"');
    expect(first).toMatch(/^"QA-000001",.*,"1"$/);
    expect(second).toMatch(/^"QA-000002",.*,"0"$/);

    const batch = value(await counter.core.send('qa-batch-view', { batch: view.batch! }));
    expect(batch.incidents).toEqual([{ incidentId, incidentNumber: 'QA-000001', category: 'hardware_failure', status: 'open', photoCount: 1 }]);
  });
});
