import { z } from 'zod';
import { approvalGrantRef, managerApproval } from './approval';
import { command } from './command';
import { calendarDate, cents, counterCents, counterText } from './values';

/** Pieces counted per denomination, keyed by value in cents: `{ "2000": 12 }`. */
export const denominationCount = z.record(z.string().regex(/^\d+$/, 'Denominations are keyed by their value in cents'), z.number().int().min(0).max(100_000));

const movementResult = z.object({ movementId: z.string() });
/** drawerWarning: recorded, but the drawer did not open (open it with its key). */
const movementWithKick = movementResult.extend({ drawerWarning: z.string().optional() });

export const drawerStatus = z.object({
  session: z
    .object({
      sessionId: z.string(),
      budtender: z.string(),
      status: z.enum(['open', 'counted', 'closed']),
      openingFloatCents: cents,
      openedAt: z.string(),
    })
    .nullable(),
});

export const drawerCommands = {
  'drawer-status': command({
    access: 'signed_in',
    summary: 'The drawer session at this terminal (no expected cash: the close count is blind).',
    writes: false,
    input: z.object({}).strict(),
    output: drawerStatus,
  }),
  'drawer-open': command({
    access: 'drawer.open',
    summary: 'Open a drawer session with a counted starting float.',
    writes: true,
    input: z.object({ count: denominationCount }).strict(),
    output: z.object({ sessionId: z.string(), openingFloatCents: cents }),
  }),
  'drawer-drop': command({
    access: 'drawer.open',
    summary: 'Drop cash to the safe mid-shift.',
    writes: true,
    input: z.object({ amountCents: counterCents, reason: counterText(200) }).strict(),
    output: movementWithKick,
  }),
  'drawer-paid': command({
    access: 'drawer.close',
    summary: 'A paid-in or paid-out, with its reason (lead or manager, or approved).',
    writes: true,
    input: z.object({ direction: z.enum(['in', 'out']), amountCents: counterCents, reason: counterText(200), approval: approvalGrantRef.optional() }).strict(),
    output: movementWithKick,
  }),
  'drawer-no-sale': command({
    access: 'drawer.no_sale',
    summary: 'Open the drawer without a sale, with a reason.',
    writes: true,
    input: z.object({ reason: counterText(200), approval: approvalGrantRef.optional() }).strict(),
    output: movementWithKick,
  }),
  'drawer-count': command({
    // The budtender counts their own drawer; locking the close is what needs a lead or a manager.
    access: 'drawer.open',
    summary: 'Submit the blind count; answers with expected and over/short only afterwards.',
    writes: true,
    input: z
      .object({ count: denominationCount, nonCashCounted: z.partialRecord(z.enum(['debit', 'card']), cents.nonnegative().max(1_000_000_000)).default({}) })
      .strict(),
    output: z.object({
      countedCashCents: cents,
      expectedCashCents: cents,
      overShortCents: cents,
      nonCash: z.array(z.object({ tender: z.string(), expectedCents: cents, countedCents: cents })),
      needsExplanation: z.boolean(),
    }),
  }),
  'deposit-record': command({
    access: 'drawer.close',
    summary: 'Record a deposit bag: denominations, bag number, prepared by the caller, verified by a second person’s PIN.',
    writes: true,
    input: z.object({ denominations: denominationCount, bagNumber: counterText(40), businessDay: calendarDate, verifier: managerApproval }).strict(),
    output: z.object({ depositId: z.string(), amountCents: cents }),
  }),
  'drawer-close': command({
    access: 'drawer.close',
    summary: 'Lock the close; a variance above the threshold needs an explanation and a manager’s approval.',
    writes: true,
    input: z.object({ explanation: z.string().trim().max(1000).optional(), approval: approvalGrantRef.optional() }).strict(),
    output: z.object({ closeId: z.string(), overShortCents: cents }),
  }),
};
