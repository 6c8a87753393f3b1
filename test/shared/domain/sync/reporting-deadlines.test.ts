import { describe, expect, it } from 'vitest';
import { deadlineRisk, reportingDeadlineFor } from '../../../../src/shared/domain/sync/reporting-deadlines';

describe('reporting deadlines per state', () => {
  it('gives each state its hours with a citation, and one day (to verify) where none is on file', () => {
    expect(reportingDeadlineFor('ca')).toMatchObject({ state: 'CA', hours: 24, citation: expect.stringContaining('15049.2') });
    expect(reportingDeadlineFor('CO').hours).toBe(1);
    expect(reportingDeadlineFor('ZZ')).toMatchObject({ state: 'ZZ', hours: 24, verify: true });
  });

  it('is at risk from three quarters of the time and overdue at the deadline', () => {
    const ca = reportingDeadlineFor('CA');
    const now = new Date('2026-11-25T12:00:00Z');
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    expect(deadlineRisk(ca, null, now)).toBe('ok');
    expect(deadlineRisk(ca, hoursAgo(17.9), now)).toBe('ok');
    expect(deadlineRisk(ca, hoursAgo(18), now)).toBe('at_risk');
    expect(deadlineRisk(ca, hoursAgo(24), now)).toBe('overdue');
  });
});
