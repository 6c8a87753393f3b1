import { z } from 'zod';
import { AppError } from '../../../../shared/errors';
import { DestinationUnavailable } from '../../../../shared/sync/lane';
import type { MetrcApiVersion } from '../../../../metrc/adapter';
import type { MetrcHttp, MetrcResponse } from '../../../../metrc/http';
import { metrcReadError } from './read-error';

/** Metrc's largest page. */
const PAGE_SIZE = 20;
/** 100,000 packages: far beyond a retail facility; a larger TotalPages is a broken answer, not a list to walk. */
const MAX_PAGES = 5_000;
/** A GET is safe to repeat: a 429 or 5xx is retried after these pauses before the download gives up. */
const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 3_000];
/** Someone is waiting for the report: a long Retry-After is not waited out in full. */
const MAX_RETRY_WAIT_MS = 10_000;
/** A list that changed under the pages is read again this many times in all. */
const ATTEMPTS = 2;

/** One package Metrc lists as active for the facility (only the fields the register uses). */
export interface MetrcActivePackage {
  readonly metrcId: number | null;
  readonly label: string;
  /** As Metrc gives it: a decimal in `unitOfMeasureName` (see package-quantity.ts for our units). */
  readonly quantity: number;
  readonly unitOfMeasureName: string;
  readonly onHold: boolean;
  readonly itemName: string;
  readonly lastModified: string | null;
}

const packageShape = z.object({
  Id: z.number().int().nullish(),
  Label: z.string().regex(/^[0-9A-Za-z]{24}$/, 'expected a 24-character package tag'),
  Quantity: z.number(),
  UnitOfMeasureName: z.string().min(1),
  IsOnHold: z.boolean(),
  Item: z.object({ Name: z.string() }),
  LastModified: z.string().nullish(),
});
const v1Answer = z.array(packageShape);
const v2Page = z.object({
  Data: z.array(packageShape),
  TotalPages: z.number().int().nonnegative(),
  TotalRecords: z.number().int().nonnegative().nullish(),
  Total: z.number().int().nonnegative().nullish(),
});

export interface ActivePackagesOptions {
  readonly retryDelaysMs?: readonly number[];
}

/**
 * Every package Metrc lists as active for the connection's licence:
 * v2 `GET /packages/v2/active` page by page (the envelope's `TotalPages`),
 * v1 `GET /packages/v1/active` as one bare array. Reads go through the
 * connection's pacer, so they share Metrc's GET limits with the sync lane.
 *
 * Fails with an `AppError`, never a partial list: a reconciliation built on
 * half a list would call real stock "not active in Metrc".
 */
export async function downloadActivePackages(http: MetrcHttp, version: MetrcApiVersion, options: ActivePackagesOptions = {}): Promise<MetrcActivePackage[]> {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  try {
    if (version === 'v1') return toPackages(parse(v1Answer, await getWithRetry(http, '/packages/v1/active', {}, delays), 'GET /packages/v1/active'));
    for (let attempt = 1; ; attempt += 1) {
      const read = await readAllPages(http, delays);
      if (read !== 'changed') return read;
      if (attempt >= ATTEMPTS) {
        throw new AppError(
          'METRC_LIST_CHANGED',
          "Metrc's active package list kept changing while it was read page by page. Run the reconciliation again when the store is quieter.",
        );
      }
    }
  } catch (error) {
    throw metrcReadError(error);
  }
}

/**
 * Pages are read concurrently (the pacer keeps them within Metrc's limits).
 * Paging by position is not a snapshot: a package finishing between two
 * pages shifts the rest, which shows as a changed total or a tag seen twice.
 */
async function readAllPages(http: MetrcHttp, delays: readonly number[]): Promise<MetrcActivePackage[] | 'changed'> {
  const page = async (pageNumber: number) =>
    parse(
      v2Page,
      await getWithRetry(http, '/packages/v2/active', { pageNumber: String(pageNumber), pageSize: String(PAGE_SIZE) }, delays),
      `GET /packages/v2/active page ${pageNumber}`,
    );
  const first = await page(1);
  if (first.TotalPages > MAX_PAGES) throw unexpected(`GET /packages/v2/active page 1: TotalPages is ${first.TotalPages}, more than any facility holds.`);
  const rest = await Promise.all(Array.from({ length: Math.max(0, first.TotalPages - 1) }, (_, index) => page(index + 2)));
  const pages = [first, ...rest];
  const total = recordCount(first);
  if (pages.some((p) => p.TotalPages !== first.TotalPages || recordCount(p) !== total)) return 'changed';
  const packages = toPackages(pages.flatMap((p) => p.Data));
  if (new Set(packages.map((p) => p.label)).size !== packages.length) return 'changed';
  if (total !== null && packages.length !== total) {
    // Every page answered, the totals agree, and still rows are missing: not a list we can trust.
    throw unexpected(`GET /packages/v2/active: the pages held ${packages.length} packages but Metrc counted ${total}.`);
  }
  return packages;
}

function recordCount(page: z.infer<typeof v2Page>): number | null {
  return page.TotalRecords ?? page.Total ?? null;
}

/** A GET retried after 429 and 5xx (Retry-After as the pause, capped), failing fast when Metrc cannot be reached; a 404 is an AppError. */
export async function getWithRetry(http: MetrcHttp, path: string, query: Readonly<Record<string, string>>, delays: readonly number[]): Promise<MetrcResponse> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const response = await http.get(path, query);
      if (response.status === 404) {
        throw new AppError('METRC_NOT_FOUND', `Metrc has no list at ${path} (404): this state's Metrc may not offer that API version.`);
      }
      return response;
    } catch (error) {
      const delay = delays[attempt];
      // Unreachable is not retried here: the person who asked is told at once.
      if (!(error instanceof DestinationUnavailable) || error.reason === 'unreachable' || delay === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(error.retryAfterMs ?? delay, MAX_RETRY_WAIT_MS)));
    }
  }
}

/** An answer read through its schema, or METRC_UNEXPECTED_ANSWER naming where it went wrong. */
export function parse<T>(schema: z.ZodType<T>, response: MetrcResponse, what: string): T {
  const parsed = schema.safeParse(response.body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where =
    issue === undefined || issue.path.length === 0
      ? 'the answer'
      : issue.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '');
  const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
  throw unexpected(`${what}: ${where}: ${issue?.message ?? 'not understood'}${more}.`);
}

function unexpected(detail: string): AppError {
  return new AppError('METRC_UNEXPECTED_ANSWER', `Metrc answered with something the register does not understand, so nothing was compared. ${detail}`);
}

function toPackages(rows: ReadonlyArray<z.infer<typeof packageShape>>): MetrcActivePackage[] {
  return rows.map((row) => ({
    metrcId: row.Id ?? null,
    label: row.Label,
    quantity: row.Quantity,
    unitOfMeasureName: row.UnitOfMeasureName,
    onHold: row.IsOnHold,
    itemName: row.Item.Name,
    lastModified: row.LastModified ?? null,
  }));
}
