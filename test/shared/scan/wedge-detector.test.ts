import { describe, expect, it } from 'vitest';
import { parseAamva } from '../../../src/shared/id/aamva';
import { WedgeDetector, type WedgeOptions, type WedgeOutput } from '../../../src/shared/scan/wedge-detector';
import { LICENCE } from './licence-fixture';

type KeyAt = readonly [key: string, timeMs: number];

/** Plays key events through the detector the way a page would, calling `flush` when its timer would fire. */
function play(events: readonly KeyAt[], options: WedgeOptions = {}): WedgeOutput[] {
  const detector = new WedgeDetector(options);
  const out: WedgeOutput[] = [];
  for (const [key, at] of events) {
    const deadline = detector.nextDeadline();
    if (deadline !== null && deadline <= at) out.push(...detector.flush(deadline));
    out.push(...detector.push(key, at));
  }
  const deadline = detector.nextDeadline();
  if (deadline !== null) out.push(...detector.flush(deadline));
  expect(detector.nextDeadline()).toBeNull();
  return out;
}

/** Keys typed at a steady pace from `start`. */
function typed(keys: readonly string[], everyMs: number, start = 0): KeyAt[] {
  return keys.map((key, i) => [key, start + i * everyMs] as const);
}

const chars = (text: string): string[] => [...text];
const humanKeys = (out: readonly WedgeOutput[]): string[] => out.flatMap((o) => (o.kind === 'keys' ? o.keys : []));
const scans = (out: readonly WedgeOutput[]) => out.filter((o) => o.kind === 'scan');

/** A licence as a keyboard-mode scanner types it: CR and LF become Enter, other control characters are dropped. */
function wedgeKeys(payload: string): string[] {
  return [...payload].flatMap((c) => (c === '\r' || c === '\n' ? ['Enter'] : c.charCodeAt(0) < 0x20 ? [] : [c]));
}

describe('WedgeDetector', () => {
  it('takes a UPC typed by a scanner (8 ms per key, Enter) as one scan and passes no keys through', () => {
    const out = play(typed([...chars('036000291452'), 'Enter'], 8));
    expect(out).toEqual([{ kind: 'scan', data: '036000291452', terminator: 'Enter' }]);
  });

  it('passes a person typing fast-ish (~80 ms per key) straight through, Enter included, in order', () => {
    const keys = [...chars('Jordan R'), 'Enter'];
    const out = play(keys.map((k, i) => [k, i * 80 + (i % 2 === 0 ? 0 : 12)] as const));
    expect(scans(out)).toEqual([]);
    expect(humanKeys(out)).toEqual(keys);
  });

  it('passes through a person whose two keys overlap (rollover within 30 ms)', () => {
    const out = play([
      ['t', 0],
      ['h', 15],
      ['e', 110],
      ['Enter', 300],
    ]);
    expect(scans(out)).toEqual([]);
    expect(humanKeys(out)).toEqual(['t', 'h', 'e', 'Enter']);
  });

  it('reads a licence typed by a wedge, Enters inside kept as line breaks, and it still parses', () => {
    const out = play(typed(wedgeKeys(LICENCE), 4));
    expect(humanKeys(out)).toEqual([]);
    const [scan] = scans(out);
    expect(scan).toMatchObject({ kind: 'scan', terminator: 'Enter' });
    expect(scan?.data.startsWith('@\n\nANSI 636014')).toBe(true);
    expect(scan?.data).toContain('\nDAQD1234567\n');
    expect(parseAamva(scan?.data ?? '')).toMatchObject({ ok: true, value: { idNumber: 'D1234567', familyName: 'RIVERA', jurisdiction: 'CA' } });
  });

  it('ends a scan without a terminator after the quiet gap, and keeps a short USB hiccup inside it', () => {
    const events: KeyAt[] = [...typed(chars('1A4060300'), 5), ...typed(chars('002EE1000012345'), 5, 40 + 8 * 5)];
    const out = play(events);
    expect(out).toEqual([{ kind: 'scan', data: '1A4060300002EE1000012345', terminator: null }]);
  });

  it('does not take a short fast burst for a scan', () => {
    expect(play(typed([...chars('12345'), 'Enter'], 5))).toEqual([{ kind: 'keys', keys: ['1', '2', '3', '4', '5', 'Enter'] }]);
  });

  it('separates a person’s keys typed just before a scan from the scan', () => {
    const out = play([['a', 0], ['b', 90], ...typed([...chars('036000291452'), 'Enter'], 6, 200)]);
    expect(out).toEqual([
      { kind: 'keys', keys: ['a'] },
      { kind: 'keys', keys: ['b'] },
      { kind: 'scan', data: '036000291452', terminator: 'Enter' },
    ]);
  });

  it('ignores Shift between a scanner’s capitals and passes Backspace through', () => {
    const out = play([...typed(['Shift', 'A', 'Shift', 'B', 'C', 'D', 'E', 'F', 'G', 'Tab'], 5), ['Backspace', 300]]);
    expect(out).toEqual([
      { kind: 'scan', data: 'ABCDEFG', terminator: 'Tab' },
      { kind: 'keys', keys: ['Backspace'] },
    ]);
  });

  it('with a prefix, takes a slow scanner’s burst (40 ms per key) as a scan and strips the prefix', () => {
    const out = play(typed([...chars('~SKU-42'), 'Enter'], 40), { prefix: '~' });
    expect(out).toEqual([{ kind: 'scan', data: 'SKU-42', terminator: 'Enter' }]);
  });

  it('with requirePrefix, leaves an unprefixed fast burst to the page as keys', () => {
    const keys = [...chars('036000291452'), 'Enter'];
    expect(humanKeys(play(typed(keys, 5), { prefix: '~', requirePrefix: true }))).toEqual(keys);
  });

  it('hands held keys back on release (focus lost)', () => {
    const detector = new WedgeDetector();
    expect(detector.push('x', 0)).toEqual([]);
    expect(detector.nextDeadline()).toBe(31);
    expect(detector.release()).toEqual([{ kind: 'keys', keys: ['x'] }]);
    expect(detector.nextDeadline()).toBeNull();
  });
});
