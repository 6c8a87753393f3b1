import { describe, expect, it } from 'vitest';
import { SHOWN_ERRORS_KEPT } from '../../../src/shared/contract/it-incidents';
import { rememberShownError, shownErrors } from '../../../src/renderer/state/shown-errors';

describe('the errors the screen showed, for an IT incident', () => {
  it('keeps the last few, oldest first, and one error shown twice once', () => {
    const twice = { code: 'PRINTER_OFFLINE', message: 'The receipt printer did not answer.' };
    rememberShownError(twice, new Date('2026-11-24T10:00:00Z'));
    rememberShownError(twice, new Date('2026-11-24T10:00:01Z'));
    expect(shownErrors()).toEqual([{ code: 'PRINTER_OFFLINE', message: 'The receipt printer did not answer.', at: '2026-11-24T10:00:00.000Z' }]);
    for (let i = 0; i < SHOWN_ERRORS_KEPT + 3; i += 1) rememberShownError({ code: `E${i}`, message: `error ${i}` });
    const kept = shownErrors();
    expect(kept).toHaveLength(SHOWN_ERRORS_KEPT);
    expect(kept[0]?.code).toBe('E3');
    expect(kept.at(-1)?.code).toBe(`E${SHOWN_ERRORS_KEPT + 2}`);
  });
});
