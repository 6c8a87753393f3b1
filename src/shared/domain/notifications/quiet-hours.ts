import { DateTime } from 'luxon';

/**
 * When a text may reach a person (issue #21), as data: the hours in the
 * RECIPIENT's own time zone and, where a state caps them, how many messages
 * in any 24 hours. Applied to every customer text (transactional too): the
 * conservative reading, since a pickup reminder can be argued to be a
 * solicitation. ⚠ verify: the citations below were summarised from
 * secondary sources (../shared/reference/orders.md) and must be checked
 * against the statutes' current text by counsel before relying on them.
 */
export interface QuietHoursRule {
  readonly jurisdiction: string;
  /** Local hour the window opens (inclusive) and closes (exclusive), 0–24. */
  readonly startHour: number;
  readonly endHour: number;
  /** At most this many messages to one number in any 24 hours; null: no cap. */
  readonly maxPer24h: number | null;
  readonly citation: string;
  readonly verify: true;
}

export const FEDERAL_QUIET_HOURS: QuietHoursRule = {
  jurisdiction: 'US',
  startHour: 8,
  endHour: 21,
  maxPer24h: null,
  citation: 'TCPA, 47 U.S.C. § 227; 47 C.F.R. § 64.1200(c)(1): no solicitation before 8 a.m. or after 9 p.m. at the called party’s location ⚠ verify',
  verify: true,
};

/** States stricter than the federal rule. */
export const STATE_QUIET_HOURS: Readonly<Record<string, QuietHoursRule>> = {
  FL: {
    jurisdiction: 'FL',
    startHour: 8,
    endHour: 20,
    maxPer24h: 3,
    citation:
      'Florida Telephone Solicitation Act, Fla. Stat. § 501.059(8)(a) (as amended 2021): 8 a.m.–8 p.m., at most 3 per 24 hours on the same subject ⚠ verify',
    verify: true,
  },
  OK: {
    jurisdiction: 'OK',
    startHour: 8,
    endHour: 20,
    maxPer24h: 3,
    citation: 'Oklahoma Telephone Solicitation Act of 2022, 15 O.S. § 775C.4: 8 a.m.–8 p.m., at most 3 per 24 hours on the same subject ⚠ verify',
    verify: true,
  },
};

/** The rule for a recipient in `state` (two-letter code): the state's when stricter, else the federal one. */
export function quietHoursRule(state: string | null): QuietHoursRule {
  return (state === null ? undefined : STATE_QUIET_HOURS[state.toUpperCase()]) ?? FEDERAL_QUIET_HOURS;
}

export interface Recipient {
  /** The recipient's own IANA zone (their phone's area or address), never the store's. */
  readonly timeZone: string;
  /** The recipient's state, two letters; null when unknown (the federal rule). */
  readonly state: string | null;
}

export type WindowAnswer = { readonly open: true } | { readonly open: false; readonly opensAt: Date; readonly rule: QuietHoursRule };

/** Whether `at` is inside the recipient's sending window; if not, when it next opens. */
export function sendingWindow(recipient: Recipient, at: Date): WindowAnswer {
  const rule = quietHoursRule(recipient.state);
  const local = DateTime.fromJSDate(at, { zone: recipient.timeZone });
  if (!local.isValid) throw new RangeError(`Invalid time zone "${recipient.timeZone}"`);
  const hour = local.hour;
  if (hour >= rule.startHour && hour < rule.endHour) return { open: true };
  const day = hour < rule.startHour ? local : local.plus({ days: 1 });
  const opens = day.set({ hour: rule.startHour, minute: 0, second: 0, millisecond: 0 });
  return { open: false, opensAt: opens.toJSDate(), rule };
}

export const DAY_MS = 24 * 60 * 60_000;

/**
 * Under a 24-hour cap, whether one more message may go at `at` given when
 * earlier ones went; if not, the instant the oldest in the window ages out.
 */
export function capAllows(
  rule: QuietHoursRule,
  sentAt: readonly Date[],
  at: Date,
): { readonly allowed: true } | { readonly allowed: false; readonly retryAt: Date } {
  if (rule.maxPer24h === null) return { allowed: true };
  const inWindow = sentAt
    .map((d) => d.getTime())
    .filter((t) => t > at.getTime() - DAY_MS && t <= at.getTime())
    .sort((a, b) => a - b);
  if (inWindow.length < rule.maxPer24h) return { allowed: true };
  const oldestThatMustAge = inWindow[inWindow.length - rule.maxPer24h] ?? at.getTime();
  return { allowed: false, retryAt: new Date(oldestThatMustAge + DAY_MS + 1) };
}
