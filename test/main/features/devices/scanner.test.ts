import { describe, expect, it } from 'vitest';
import { bytesToScanText, classifyScan, scanEvent } from '../../../../src/main/features/devices/scanner';
import { Listeners } from '../../../../src/main/features/devices/listeners';
import { ScanFramer } from '../../../../src/main/features/devices/scan-framer';
import type { AppError } from '../../../../src/shared/errors';
import { LICENCE } from '../../../shared/scan/licence-fixture';

describe('scan classification', () => {
  it.each([
    [LICENCE, 'id'],
    [`\uFEFF${LICENCE}`, 'id'],
    [[...LICENCE].filter((c) => c.charCodeAt(0) >= 0x20).join(''), 'id'], // a wedge that dropped every control character
    ['036000291452', 'product'],
    ['1A4060300002EE1000012345', 'product'],
    ['\u001d0100312345678906', 'product'],
    ['@home', 'product'],
  ])('%j is a %s scan', (data, kind) => {
    expect(classifyScan(data)).toBe(kind);
    expect(scanEvent(data, 'serial').kind).toBe(kind);
  });

  it('keeps every byte, control characters included, one char per byte', () => {
    expect(bytesToScanText(Uint8Array.of(0x40, 0x0a, 0x1e, 0x0d, 0xe9))).toBe('@\n\u001e\r\u00e9');
  });
});

describe('Listeners', () => {
  it('a listener that throws does not stop the others', () => {
    const list = new Listeners<number>();
    const seen: number[] = [];
    list.add(() => {
      throw new Error('UI bug');
    });
    list.add((n) => seen.push(n));
    expect(() => list.emit(1)).not.toThrow();
    expect(seen).toEqual([1]);
  });
});

describe('ScanFramer', () => {
  function framer(framing: ConstructorParameters<typeof ScanFramer>[0]) {
    const frames: string[] = [];
    const drops: AppError[] = [];
    const f = new ScanFramer(
      framing,
      (b) => frames.push(bytesToScanText(b)),
      (e) => drops.push(e),
    );
    return { f, frames, drops };
  }
  const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

  it('finds a multi-byte suffix split across chunks', () => {
    const { f, frames } = framer({ kind: 'suffix', suffix: bytes('\r\u0003') });
    f.push(bytes('@\n\rANSI '));
    f.push(bytes('abc\r'));
    f.push(bytes('\u0003second\r\u0003'));
    f.reset();
    expect(frames).toEqual(['@\n\rANSI abc', 'second']);
  });

  it('ignores a stray suffix between scans', () => {
    const { f, frames } = framer({ kind: 'suffix', suffix: bytes('\n') });
    f.push(bytes('036000291452\r\n\n'));
    f.reset();
    expect(frames).toEqual(['036000291452\r']);
  });

  it('drops a runaway stream with SCAN_TOO_LONG instead of growing', () => {
    const { f, frames, drops } = framer({ kind: 'suffix', suffix: bytes('\r') });
    for (let i = 0; i < 10; i += 1) f.push(new Uint8Array(1_000).fill(0x41));
    f.push(bytes('OK\r'));
    f.reset();
    expect(drops.map((d) => d.code)).toEqual(['SCAN_TOO_LONG']);
    expect(frames.at(-1)?.endsWith('OK')).toBe(true);
    expect(frames.every((frame) => frame.length <= 8_192)).toBe(true);
  });

  it('refuses an empty suffix', () => {
    expect(() => framer({ kind: 'suffix', suffix: new Uint8Array(0) })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
