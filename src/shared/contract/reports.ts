import { z } from 'zod';
import { command } from './command';
import { calendarDate, cents } from './values';

const money = cents;
const salesFigures = {
  sales: z.object({ count: z.number().int(), subtotalCents: money, discountCents: money, taxCents: money, totalCents: money }),
  voids: z.object({ count: z.number().int(), totalCents: money }),
  returns: z.object({ count: z.number().int(), refundCents: money }),
  discountsByPromotion: z.array(z.object({ source: z.string(), promotionId: z.string().nullable(), name: z.string(), amountCents: money })),
  taxesByTax: z.array(z.object({ taxId: z.string(), name: z.string(), amountCents: money })),
  tenders: z.array(z.object({ tender: z.string(), paidCents: money, refundedCents: money, netCents: money })),
  salesByHour: z.array(z.object({ hour: z.string(), count: z.number().int(), totalCents: money })),
  /**
   * The audit chain's head when the report was made (`<entry>:<MAC prefix>`), printed so the
   * chain can later be checked against paper (`verify-audit --anchor`). Absent on a chain not yet keyed.
   */
  auditAnchor: z.string().nullable().optional(),
};

export const zReportView = z.object({
  session: z.object({ id: z.string(), terminal: z.string(), budtender: z.string(), openedAt: z.string(), status: z.string() }),
  ...salesFigures,
  cash: z.object({
    openingFloatCents: money,
    cashSalesCents: money,
    cashRefundsCents: money,
    paidInCents: money,
    paidOutCents: money,
    dropsCents: money,
    expectedCashCents: money,
    nonCash: z.array(z.object({ tender: z.string(), expectedCents: money })),
  }),
  movements: z.array(z.object({ kind: z.string(), amountCents: money, reason: z.string(), at: z.string() })),
  close: z
    .object({
      countedCashCents: money,
      overShortCents: money,
      explanation: z.string().nullable(),
      approvedBy: z.string().nullable(),
      finalizedAt: z.string().nullable(),
    })
    .nullable(),
});
export type ZReportView = z.infer<typeof zReportView>;

export const dayReportView = z.object({
  day: z.string(),
  timeZone: z.string(),
  ...salesFigures,
  overShortByBudtender: z.array(z.object({ budtender: z.string(), overShortCents: money, explanation: z.string().nullable() })),
  manualDiscounts: z.array(z.object({ saleId: z.string(), amountCents: money, reason: z.string().nullable(), approvedBy: z.string().nullable() })),
  incidents: z.array(z.object({ kind: z.string(), description: z.string(), at: z.string() })),
  offlineSales: z.array(z.object({ saleNumber: z.string(), syncStatus: z.string() })),
  cashOnlyPeriods: z.array(z.object({ terminal: z.string(), cashOnly: z.boolean(), reason: z.string(), at: z.string() })),
  /** Each opening readiness check run that day: when, where, its worst line, and the lines that were not green. */
  openingChecks: z.array(
    z.object({
      terminal: z.string(),
      at: z.string(),
      overall: z.enum(['green', 'amber', 'red']),
      notGreen: z.array(z.object({ label: z.string(), status: z.enum(['amber', 'red']), detail: z.string() })),
    }),
  ),
});
export type DayReportView = z.infer<typeof dayReportView>;

export const reportCommands = {
  'report-z': command({
    access: 'signed_in',
    summary: 'The Z-report of this terminal’s latest drawer session, once its blind count is in (or any session, for reports.view).',
    writes: false,
    input: z.object({ sessionId: z.string().min(1).max(64).optional() }).strict(),
    output: zReportView,
  }),
  'report-z-print': command({
    access: 'signed_in',
    summary: 'Print the Z-report of this terminal’s latest drawer session on the receipt printer.',
    writes: false,
    input: z.object({ sessionId: z.string().min(1).max(64).optional() }).strict(),
    output: z.object({ printer: z.string() }),
  }),
  'report-day-print': command({
    access: 'reports.view',
    summary: 'Print the store day summary on the receipt printer.',
    writes: false,
    input: z.object({ day: calendarDate.optional() }).strict(),
    output: z.object({ printer: z.string() }),
  }),
  'report-day': command({
    access: 'reports.view',
    summary: 'The store’s day summary for a store-local calendar day (today in the store’s zone when omitted).',
    writes: false,
    input: z.object({ day: calendarDate.optional() }).strict(),
    output: dayReportView,
  }),
  'audit-export-page': command({
    access: 'audit.export',
    summary:
      'One page of the audit log (entries after a sequence number, oldest first; the chain’s verdict on the first page) for an export through the register, not the file. Audited.',
    writes: true,
    input: z
      .object({
        afterSeq: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(500),
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
      })
      .strict(),
    output: z.object({ verification: z.unknown(), entries: z.array(z.record(z.string(), z.unknown())), nextAfterSeq: z.number().int().nullable() }),
  }),
};
