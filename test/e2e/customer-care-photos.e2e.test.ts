import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHOTO_TYPE_MESSAGE } from '../../src/shared/domain/quality/photo-type';
import { demoRegisterPage, signInAs, type DemoRegisterPage } from '../support/browser';
import { value } from '../support/result';
import { signIn } from '../support/session';

/**
 * Issue #22's "photos optional", in Chromium: a care specialist (a shift
 * lead) opens an incident, attaches a photo and sees its thumbnail (larger on
 * a click); a file that is not a picture is refused with its message; a
 * phone's JPEG arrives without its EXIF (GPS); a manager removes a photo
 * with a reason.
 */

/** A PNG of `width` × `height` pixels of one colour, made here: no file from anywhere. */
function png(width: number, height: number, rgb: readonly [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const LEAD = { name: 'Casey Care', pin: '482913' };

describe('photos on a quality incident, at the Care screen', () => {
  let register: DemoRegisterPage;
  let tag: string;

  beforeAll(async () => {
    register = await demoRegisterPage({ viewport: { width: 1366, height: 768 } });
    await signIn(register.core, 'manager');
    value(await register.core.send('staff-save', { displayName: LEAD.name, role: 'lead', active: true, pin: LEAD.pin }));
    value(await register.core.send('session-sign-out', {}));
    tag = (register.database.sqlite.prepare('SELECT tag FROM packages ORDER BY tag LIMIT 1').get() as { tag: string }).tag;
  });

  afterAll(async () => {
    await register?.close();
  });

  it('a care specialist attaches a photo and sees it; a file that is not a picture is refused; a manager removes the photo with a reason', async () => {
    const { page, host, database } = register;
    await page.goto(host.url);
    await page.getByRole('radio', { name: new RegExp(LEAD.name) }).click();
    await page.keyboard.type(LEAD.pin);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toBe(LEAD.name);
    await expect.poll(() => page.locator('.app').getAttribute('data-opening-check')).toMatch(/^(shown|done)$/);
    if ((await page.locator('.app').getAttribute('data-opening-check')) === 'shown')
      await page.getByRole('button', { name: 'Continue to the register' }).click();

    await page.keyboard.press('F10');
    await page.getByLabel('Package tag').fill(tag);
    await page.getByRole('button', { name: 'Report on package…' }).click();
    await page.getByLabel('Customer’s words').fill('The cart leaks oil into the box');
    await page.getByRole('button', { name: 'Open incident' }).click();
    await expect.poll(() => page.getByTestId('incident').textContent()).toContain('QA-000001');

    // 2400 × 600: the counter downsizes it to 1600 px on the long side before it leaves the page.
    await page.getByLabel('Attach photo').setInputFiles({ name: 'leak.png', mimeType: 'image/png', buffer: png(2400, 600, [200, 40, 40]) });
    await expect.poll(() => page.getByTestId('incident-photo-thumbnail').count()).toBe(1);
    await expect.poll(() => page.getByTestId('incident-photos').textContent()).toContain('Photos (1 of 4)');
    // Kept re-encoded (no metadata survives a canvas) and downsized.
    const kept = database.sqlite.prepare('SELECT mime_type AS mimeType, data, attached_by AS attachedBy FROM qa_incident_photos').get() as {
      mimeType: string;
      data: Buffer;
      attachedBy: string;
    };
    expect(kept.mimeType).toBe('image/jpeg');
    // A JPEG's SOF0 frame header holds its height then width.
    const sof = kept.data.indexOf(Buffer.from([0xff, 0xc0]));
    expect([kept.data.readUInt16BE(sof + 7), kept.data.readUInt16BE(sof + 5)]).toEqual([1600, 400]);
    expect(database.sqlite.prepare('SELECT display_name AS name FROM staff WHERE id = ?').get(kept.attachedBy)).toEqual({ name: LEAD.name });

    await page.getByRole('button', { name: 'View Photo 1 of QA-000001 larger' }).click();
    const viewer = page.getByRole('dialog', { name: 'Photo 1 of QA-000001' });
    await expect.poll(() => viewer.getByRole('img').count()).toBe(1);
    // A shift lead cannot take a photo back out of the record.
    expect(await viewer.getByRole('button', { name: 'Remove photo' }).count()).toBe(0);
    await viewer.getByRole('button', { name: 'Close' }).click();

    // Named .png, but its bytes are text: refused with its message, nothing kept.
    await page.getByLabel('Attach photo').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: Buffer.from('not a picture, only a name') });
    await expect.poll(() => page.getByTestId('care-error').textContent()).toBe(PHOTO_TYPE_MESSAGE);
    expect(database.sqlite.prepare('SELECT count(*) AS n FROM qa_incident_photos').get()).toEqual({ n: 1 });

    // A phone's JPEG with its EXIF (a GPS position): made by Chromium's own encoder, an APP1 segment spliced in after SOI.
    const jpeg = Buffer.from(
      (
        await page.evaluate<string>(
          // A string: the test's own types have no DOM.
          "(() => { const c = document.createElement('canvas'); c.width = 32; c.height = 24; const g = c.getContext('2d'); g.fillStyle = '#3a7'; g.fillRect(0, 0, 32, 24); return c.toDataURL('image/jpeg'); })()",
        )
      ).split(',')[1]!,
      'base64',
    );
    const exifBody = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from('GPSLatitude 37.7749 N GPSLongitude 122.4194 W', 'latin1')]);
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0, 0]), exifBody]);
    app1.writeUInt16BE(exifBody.length + 2, 2);
    const phonePhoto = Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
    await page.getByLabel('Attach photo').setInputFiles({ name: 'IMG_0042.jpg', mimeType: 'image/jpeg', buffer: phonePhoto });
    await expect.poll(() => page.getByTestId('incident-photo-thumbnail').count()).toBe(2);
    const all = (database.sqlite.prepare('SELECT data FROM qa_incident_photos').all() as Array<{ data: Buffer }>).map((r) => r.data);
    expect(all).toHaveLength(2);
    // Neither photo the register keeps carries the position (nor any EXIF segment).
    for (const data of all) {
      expect(data.includes(Buffer.from('GPSLatitude', 'latin1'))).toBe(false);
      expect(data.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
      expect(data.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    }

    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await signInAs(page, 'manager');
    await page.keyboard.press('F10');
    await page.getByRole('button', { name: 'QA-000001' }).click();
    await page.getByRole('button', { name: 'View Photo 1 of QA-000001 larger' }).click();
    await viewer.getByLabel('Reason for removing').fill('Shows the customer’s face');
    await viewer.getByRole('button', { name: 'Remove photo' }).click();
    await expect.poll(() => page.getByTestId('incident-photo-removed').textContent()).toContain('Shows the customer’s face');
    expect(await page.getByTestId('incident-photo-thumbnail').count()).toBe(1);
    expect(database.sqlite.prepare('SELECT data, removal_reason AS reason FROM qa_incident_photos ORDER BY attached_at, rowid LIMIT 1').get()).toEqual({
      data: null,
      reason: 'Shows the customer’s face',
    });
    expect(register.pageErrors).toEqual([]);
  });
});
