import { describe, expect, it } from 'vitest';
import { DEFAULT_HID_POS_LAYOUT, HidPosAssembler, parseHidPosReport } from '../../../../src/main/features/devices/hid-pos-report';
import { bytesToScanText } from '../../../../src/main/features/devices/scanner';
import { AppError } from '../../../../src/shared/errors';
import { LICENCE } from '../../../shared/scan/licence-fixture';
import { fromHex, hidReport, hidReports } from './hid-reports';

/** A UPC-A scan ("]E0", 12 digits) as captured from a HID POS scanner: 64 bytes, zero padded, no "more" flag. */
const RECORDED_UPC = fromHex(`
  02 0c 5d 45 30 30 33 36 30 30 30 32 39 31 34 35 32 00
  ${'00 '.repeat(45)}
  00`);

const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : bytesToScanText(bytes));

describe('parseHidPosReport', () => {
  it('reads a recorded single-report UPC scan', () => {
    expect(RECORDED_UPC.length).toBe(64);
    const report = parseHidPosReport(RECORDED_UPC);
    expect(report?.symbology).toBe(']E0');
    expect(text(report?.data)).toBe('036000291452');
    expect(report?.more).toBe(false);
  });

  it('ignores reports that are not scanned data', () => {
    expect(parseHidPosReport(hidReport('x', { reportId: 0x04 }))).toBeNull();
    expect(parseHidPosReport(new Uint8Array(0))).toBeNull();
  });

  it.each([
    ['a length larger than a report holds', hidReport('abc', { length: 57 })],
    ['a length past the end of a short report', hidReport('abcdef').subarray(0, 8)],
    ['a report with no room for a length', Uint8Array.of(0x02)],
  ])('rejects %s as HID_REPORT_GARBLED', (_label, bytes) => {
    expect(() => parseHidPosReport(bytes)).toThrow(AppError);
    expect(() => parseHidPosReport(bytes)).toThrow(expect.objectContaining({ code: 'HID_REPORT_GARBLED' }));
  });

  it('follows a vendor layout that differs (flag in byte 2, data from byte 3)', () => {
    const layout = { ...DEFAULT_HID_POS_LAYOUT, symbologyOffset: 0, symbologyLength: 0, moreOffset: 2, dataOffset: 3 };
    const report = parseHidPosReport(Uint8Array.of(0x02, 3, 0x01, 0x41, 0x42, 0x43), layout);
    expect(report).toMatchObject({ more: true, symbology: '' });
    expect(text(report?.data)).toBe('ABC');
  });
});

describe('HidPosAssembler', () => {
  it('joins a licence spanning several reports into one scan, CR and LF kept', () => {
    const reports = hidReports(LICENCE);
    expect(reports.length).toBeGreaterThanOrEqual(3);
    const assembler = new HidPosAssembler();
    const outcomes = reports.flatMap((r, i) => assembler.push(r, 1_000 + i * 8));
    expect(outcomes.slice(0, -1).every((o) => o.kind === 'partial')).toBe(true);
    const last = outcomes.at(-1);
    expect(last?.kind).toBe('scan');
    if (last?.kind !== 'scan') return;
    expect(text(last.data)).toBe(LICENCE);
    expect(last.symbology).toBe(']L0');
  });

  it('drops a garbled report with a reason, without throwing, and reads the next barcode', () => {
    const assembler = new HidPosAssembler();
    const [first] = hidReports(LICENCE);
    expect(assembler.push(first ?? new Uint8Array(), 0)).toEqual([{ kind: 'partial' }]);
    const garbled = assembler.push(hidReport('zz', { length: 200, more: true }), 5);
    expect(garbled).toEqual([
      { kind: 'dropped', error: expect.objectContaining({ code: 'HID_REPORT_GARBLED', message: expect.stringContaining('scan again') }) },
    ]);
    // The half licence before the damage is gone, not glued to what comes next.
    const next = assembler.push(RECORDED_UPC, 10);
    expect(next).toEqual([{ kind: 'scan', data: expect.any(Uint8Array), symbology: ']E0' }]);
    expect(text(next[0]?.kind === 'scan' ? next[0].data : undefined)).toBe('036000291452');
  });

  it('reports a long barcode whose last reports never came, then still reads the next one', () => {
    const assembler = new HidPosAssembler();
    const reports = hidReports(LICENCE);
    assembler.push(reports[0] ?? new Uint8Array(), 0);
    assembler.push(reports[1] ?? new Uint8Array(), 8);
    const outcomes = assembler.push(RECORDED_UPC, 5_000);
    expect(outcomes.map((o) => o.kind)).toEqual(['dropped', 'scan']);
    expect(outcomes[0]).toMatchObject({ error: { code: 'SCAN_INCOMPLETE' } });
  });

  it('refuses a stream that never ends instead of growing without bound', () => {
    const assembler = new HidPosAssembler();
    const chunk = hidReport('A'.repeat(56), { more: true });
    let outcome = assembler.push(chunk, 0);
    for (let i = 1; i < 200 && outcome[0]?.kind === 'partial'; i += 1) outcome = assembler.push(chunk, i);
    expect(outcome).toEqual([{ kind: 'dropped', error: expect.objectContaining({ code: 'SCAN_TOO_LONG' }) }]);
  });

  it('ignores an empty trailing report some scanners send', () => {
    expect(new HidPosAssembler().push(hidReport(''), 0)).toEqual([{ kind: 'ignored' }]);
  });
});
