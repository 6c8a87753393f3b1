import { describe, expect, it } from 'vitest';
import { adultUseIdDataToPurge, purgeDueAt, type AdultUseIdRetentionSetting, type IdDataRecord } from '../../../../src/main/platform/security/retention';

const ZONE = 'America/Los_Angeles';
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 6, 15, 19, 0); // 12:00 PDT

function setting(policy: AdultUseIdRetentionSetting['policy']): AdultUseIdRetentionSetting {
  return { policy, chosenByStaffId: 'co-1', chosenAt: Date.UTC(2026, 0, 2) };
}

function rec(id: string, ageMs: number, extra: Partial<IdDataRecord> = {}): IdDataRecord {
  return { id, purpose: 'adult_use', capturedAt: NOW - ageMs, hold: null, ...extra };
}

describe('adult-use ID data retention', () => {
  const records: IdDataRecord[] = [
    rec('fresh', 60_000),
    rec('ten-days', 10 * DAY),
    rec('thirty-one-days', 31 * DAY),
    rec('medical-old', 400 * DAY, { purpose: 'medical' }),
    rec('form-8300', 400 * DAY, { hold: 'form_8300' }),
    rec('unreadable-time', 0, { capturedAt: Number.NaN }),
  ];

  it('"never retain" purges every adult-use record without a hold', () => {
    expect(adultUseIdDataToPurge(setting({ retain: 'never' }), records, NOW, ZONE)).toEqual(['fresh', 'ten-days', 'thirty-one-days', 'unreadable-time']);
  });

  it('"retain 30 days" purges only what is past 30 days', () => {
    expect(adultUseIdDataToPurge(setting({ retain: 'days', days: 30 }), records, NOW, ZONE)).toEqual(['thirty-one-days', 'unreadable-time']);
    expect(adultUseIdDataToPurge(setting({ retain: 'days', days: 7 }), records, NOW, ZONE)).toEqual(['ten-days', 'thirty-one-days', 'unreadable-time']);
  });

  it('never purges medical records or held records', () => {
    for (const policy of [{ retain: 'never' as const }, { retain: 'days' as const, days: 1 }]) {
      const ids = adultUseIdDataToPurge(setting(policy), records, NOW, ZONE);
      expect(ids).not.toContain('medical-old');
      expect(ids).not.toContain('form-8300');
    }
  });

  it('is due exactly N calendar days later in the store zone, across a DST change', () => {
    // Captured 12:00 PST on 1 Mar 2026; DST starts 8 Mar. 10 calendar days → 12:00 PDT on 11 Mar (23 h short of 240 h).
    const captured = Date.UTC(2026, 2, 1, 20, 0);
    const due = purgeDueAt({ retain: 'days', days: 10 }, captured, ZONE);
    expect(due).toBe(Date.UTC(2026, 2, 11, 19, 0));
    const r: IdDataRecord = { id: 'x', purpose: 'adult_use', capturedAt: captured, hold: null };
    expect(adultUseIdDataToPurge(setting({ retain: 'days', days: 10 }), [r], due - 1, ZONE)).toEqual([]);
    expect(adultUseIdDataToPurge(setting({ retain: 'days', days: 10 }), [r], due, ZONE)).toEqual(['x']);
  });

  it('refuses invalid settings and unknown time zones', () => {
    for (const days of [0, -1, 1.5, 4000, Number.NaN]) {
      expect(() => adultUseIdDataToPurge(setting({ retain: 'days', days }), records, NOW, ZONE)).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }) as Error,
      );
    }
    expect(() => adultUseIdDataToPurge(setting({ retain: 'never' }), records, NOW, 'Mars/Olympus')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }) as Error,
    );
  });
});
