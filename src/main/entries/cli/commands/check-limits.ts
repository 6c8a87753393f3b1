import { readFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import { AppError } from '../../../../shared/errors';
import { rulePackFor } from '../../../../shared/domain/compliance/rule-packs';
import { limitCase } from '../../../features/compliance/limit-case';
import { checkPurchase } from '../../../../shared/domain/compliance/purchase-check';
import { printError, printJson, type CliCommand } from '../command';

/**
 * For the compliance officer: evaluates one case with the very function
 * every sale runs (`checkPurchase`), and prints one JSON line.
 */
export const checkLimitsCommand: CliCommand = {
  name: 'check-limits',
  usage: 'check-limits <case.json>',
  run: async (args, io) => {
    const [file] = args;
    if (file === undefined) return printError(io, 'INVALID_ARGUMENTS', 'Give the case file: check-limits <case.json>.');
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      return printError(io, 'CASE_UNREADABLE', `Cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = limitCase.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return printError(io, 'CASE_INVALID', `${issue?.path.join('.') ?? 'case'}: ${issue?.message ?? 'invalid'}`);
    }
    const c = parsed.data;
    if (!DateTime.now().setZone(c.timeZone).isValid) return printError(io, 'CASE_INVALID', `timeZone: "${c.timeZone}" is not an IANA time zone.`);
    try {
      const { allowed, violations } = checkPurchase(rulePackFor(c.state), {
        customerType: c.customerType,
        resident: c.resident,
        at: new Date(c.saleTime),
        timeZone: c.timeZone,
        dateOfBirth: c.dateOfBirth,
        idExpiry: c.idExpiry,
        medicalExpiry: c.medicalExpiry,
        prior: c.priorPurchases.map(({ time, ...item }) => ({ ...item, time: new Date(time) })),
        cart: c.cart,
      });
      printJson(io, {
        allowed,
        violations: violations.map(({ code, category, limit, attempted, unit, rule }) => ({ code, category, limit, attempted, unit, rule })),
      });
      return 0;
    } catch (error) {
      if (error instanceof AppError) return printError(io, error.code, error.message);
      throw error;
    }
  },
};
