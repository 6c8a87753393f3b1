import { readFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import { AppError } from '../../../../shared/errors';
import { businessDay } from '../../../../shared/domain/store-calendar';
import type { SaleLineInput } from '../../../../shared/domain/pricing/sale-line';
import { priceSale, type ManualDiscount } from '../../../../shared/domain/pricing/sale-pricing';
import { localTaxProblem } from '../../../../shared/domain/taxes/local-taxes';
import { priceCase, type PriceCaseFile } from '../../../features/taxes/price-case';
import { taxRulesFor, taxTableFor } from '../../../../shared/domain/taxes/tax-tables';
import { printError, printJson, type CliCommand } from '../command';

/**
 * For the compliance officer and support: prices one cart with the very
 * function every sale runs (`priceSale`), on the state's table and the
 * given local taxes in force on the store-local day, and prints one JSON line.
 */
export const priceCartCommand: CliCommand = {
  name: 'price-cart',
  usage: 'price-cart <case.json>',
  run: async (args, io) => {
    const [file] = args;
    if (file === undefined) return printError(io, 'INVALID_ARGUMENTS', 'Give the case file: price-cart <case.json>.');
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      return printError(io, 'CASE_UNREADABLE', `Cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = priceCase.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return printError(io, 'CASE_INVALID', `${issue?.path.join('.') ?? 'case'}: ${issue?.message ?? 'invalid'}`);
    }
    const c = parsed.data;
    if (!DateTime.now().setZone(c.timeZone).isValid) return printError(io, 'CASE_INVALID', `timeZone: "${c.timeZone}" is not an IANA time zone.`);
    const weighedWithQuantity = c.lines.findIndex((l) => l.weighedMg !== undefined && l.quantity !== 1);
    if (weighedWithQuantity >= 0)
      return printError(io, 'CASE_INVALID', `lines.${weighedWithQuantity}.quantity: a weighed line has quantity 1 and its weight in weighedMg.`);
    try {
      const table = taxTableFor(c.state);
      if (!table.saleTypes.includes(c.saleType)) return printError(io, 'SALE_TYPE_NOT_OFFERED', `${c.state} licenses no ${c.saleType} sales.`);
      const problem = localTaxProblem(c.localTaxes, table.localTaxCapBp, c.state);
      if (problem !== null) return printError(io, 'LOCAL_TAX_INVALID', problem);
      const day = businessDay(new Date(c.saleTime), c.timeZone);
      const rules = taxRulesFor(c.state, day, c.localTaxes);
      const priced = priceSale(c.lines.map(lineInput), { manualDiscounts: discounts(c), taxRules: rules, customerType: c.saleType });
      printJson(io, {
        state: c.state,
        taxTableVersion: table.version,
        businessDay: day,
        lines: priced.lines.map((p, i) => ({
          line: i + 1,
          category: c.lines[i]?.category,
          grossCents: p.grossCents,
          discountCents: p.discountCents,
          netCents: p.netCents,
          taxes: p.taxes.map((t) => ({
            taxId: t.taxId,
            name: t.name,
            rateBp: t.rateBp,
            baseCents: t.baseCents,
            amountCents: t.amountCents,
            included: t.included,
            citation: t.citation,
            verify: t.verify,
          })),
          taxCents: p.taxCents,
          totalCents: p.totalCents,
        })),
        subtotalCents: priced.subtotalCents,
        discountCents: priced.discountCents,
        taxCents: priced.taxCents,
        totalCents: priced.totalCents,
      });
      return 0;
    } catch (error) {
      if (error instanceof AppError) return printError(io, error.code, error.message);
      throw error;
    }
  },
};

function lineInput(line: PriceCaseFile['lines'][number], i: number): SaleLineInput {
  const weighed = line.weighedMg !== undefined;
  return {
    lineId: `line-${i + 1}`,
    lineNumber: i + 1,
    productId: `case-${i + 1}`,
    name: line.category,
    brand: '',
    category: line.category,
    sellingMode: weighed ? 'weight' : 'each',
    packageTag: '',
    packageUnit: weighed ? 'mg' : 'each',
    quantity: line.weighedMg ?? line.quantity,
    unitPriceCents: line.unitPriceCents,
    netWeightMg: line.netWeightMg ?? 0,
    thcMg: line.thcMg ?? 0,
    thcPotencyBp: line.thcPotencyBp ?? null,
  };
}

function discounts(c: PriceCaseFile): ManualDiscount[] {
  return [
    ...c.lines.flatMap((l, i) =>
      l.discount === undefined ? [] : [{ id: `d-${i + 1}`, kind: l.discount.kind, value: l.discount.value, cartLineId: `line-${i + 1}`, reason: 'case' }],
    ),
    ...c.orderDiscounts.map((d, k) => ({ id: `o-${k + 1}`, kind: d.kind, value: d.value, cartLineId: null, reason: 'case' })),
  ];
}
