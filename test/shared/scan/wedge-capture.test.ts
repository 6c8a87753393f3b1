import { describe, expect, it } from 'vitest';
import { looksLikeAamva } from '../../../src/shared/id/aamva';
import { WedgeCapture } from '../../../src/shared/scan/wedge-capture';
import { LICENCE } from './licence-fixture';

/**
 * A page with one text field (or none focused), driven the way the browser
 * would: the capture sees each keydown first; a key it does not swallow is
 * then applied (a character typed, Enter submits the form, Backspace
 * deletes); its timer fires at each deadline.
 */
function page(options: { focused: boolean } = { focused: true }) {
  const state = { value: 'Till short by', submitted: [] as string[], scans: [] as string[] };
  const capture = new WedgeCapture((data) => state.scans.push(data));
  const snapshot = () => {
    if (!options.focused) return null;
    const before = state.value;
    return { restore: () => void (state.value = before) };
  };
  const press = (key: string, timeMs: number, person = false) => {
    const deadline = capture.nextDeadline();
    if (deadline !== null && deadline <= timeMs) capture.flush(deadline);
    const { swallow } = capture.key({ key, timeMs, person, editing: options.focused }, snapshot);
    if (swallow || !options.focused) return;
    if (key === 'Enter') state.submitted.push(state.value);
    else if (key === 'Backspace') state.value = state.value.slice(0, -1);
    else if ([...key].length === 1) state.value += key;
  };
  const settle = () => {
    const deadline = capture.nextDeadline();
    if (deadline !== null) capture.flush(deadline);
  };
  return { state, press, settle, capture };
}

const keysOf = (text: string): string[] => [...text].flatMap((c) => (c === '\r' || c === '\n' ? ['Enter'] : c.charCodeAt(0) < 0x20 ? [] : [c]));

describe('WedgeCapture', () => {
  it('takes a scan typed into a reason field back out of it, and keeps its Enter from submitting the form', () => {
    const p = page();
    [...'850000010014', 'Enter'].forEach((key, i) => p.press(key, 1_000 + i * 6));
    p.settle();
    expect(p.state.scans).toEqual(['850000010014']);
    expect(p.state.value).toBe('Till short by');
    expect(p.state.submitted).toEqual([]);
  });

  it('never touches what a person types, fast typist and Enter included', () => {
    const p = page();
    [...' $5 at noon', 'Backspace', 'n', 'Enter'].forEach((key, i) => p.press(key, 1_000 + i * 70 + (i % 3) * 9));
    p.settle();
    expect(p.state.scans).toEqual([]);
    expect(p.state.value).toBe('Till short by $5 at noon');
    expect(p.state.submitted).toEqual(['Till short by $5 at noon']);
  });

  it('treats shortcuts and auto-repeat as a person even when they come fast', () => {
    const p = page();
    for (let i = 0; i < 12; i += 1) p.press('x', 1_000 + i * 20, true);
    p.settle();
    expect(p.state.scans).toEqual([]);
    expect(p.state.value).toBe('Till short byxxxxxxxxxxxx');
  });

  it('captures a licence typed by a wedge with nothing focused, inner Enters kept as line breaks', () => {
    const p = page({ focused: false });
    keysOf(LICENCE).forEach((key, i) => p.press(key, 500 + i * 4));
    p.settle();
    expect(p.state.scans).toHaveLength(1);
    expect(looksLikeAamva(p.state.scans[0] ?? '')).toBe(true);
    expect(p.state.scans[0]).toContain('DCSRIVERA\nDACJORDAN');
  });

  it('separates a person’s typing right after a scan from the scan', () => {
    const p = page();
    [...'1A4060300003C25000000006', 'Enter'].forEach((key, i) => p.press(key, 1_000 + i * 5));
    p.press('!', 2_000);
    p.settle();
    expect(p.state.scans).toEqual(['1A4060300003C25000000006']);
    expect(p.state.value).toBe('Till short by!');
  });

  it('forgets a held burst when released (focus left the window): what was typed stays', () => {
    const p = page();
    [...'12345678'].forEach((key, i) => p.press(key, 1_000 + i * 5));
    p.capture.release();
    expect(p.capture.nextDeadline()).toBeNull();
    p.settle();
    expect(p.state.scans).toEqual([]);
    expect(p.state.value).toBe('Till short by12345678');
  });
});
