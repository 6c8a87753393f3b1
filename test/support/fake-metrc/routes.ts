import { type Answer, empty, json, message } from './http';
import { PackageStore } from './package-store';
import { TransferStore } from './transfer-store';
import { envelope, ReceiptStore, serverTime } from './store';
import type { FakeMetrcAdjustment, FakeMetrcAdjustReason, FakeMetrcOptions, FakeMetrcPatientStatus } from './types';
import { isRecord, PACKAGE_LABEL, validateAdjustments, validateReceipts } from './validate';

/** Object limit per write is unconfirmed in the real API; the reference says keep batches ≤ 10. */
export const MAX_WRITE_OBJECTS = 10;

const DEFAULT_REASONS: readonly FakeMetrcAdjustReason[] = [
  { Name: 'Drying', RequiresNote: false },
  { Name: 'Entry Error', RequiresNote: true },
  { Name: 'Theft', RequiresNote: true },
  { Name: 'Waste', RequiresNote: false },
];

const notFound = () => message(404, 'No HTTP resource was found that matches the request URI.');
// Metrc answers 401, not 404, for an id that is unknown or belongs to another licence.
const foreignId = () => message(401, 'Authorization has been denied for this request.');

export interface Request {
  readonly match: RegExpExecArray;
  readonly params: URLSearchParams;
  readonly body: string;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: RegExp;
  /** GET by id takes licenseNumber optionally (it only checks ownership); lookups need none. */
  readonly licence: 'required' | 'optional';
  readonly handle: (req: Request) => Answer;
}

/** JSON array body, or the 400 Metrc gives for anything else; more than MAX_WRITE_OBJECTS → 413. */
function arrayBody(body: string): unknown[] | Answer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return message(400, 'The request body is not valid JSON.');
  }
  if (!Array.isArray(parsed)) return message(400, 'The request body must be a JSON array.');
  if (parsed.length === 0) return message(400, 'The request body must not be empty.');
  if (parsed.length > MAX_WRITE_OBJECTS) return message(413, `At most ${MAX_WRITE_OBJECTS} objects may be sent per request.`);
  return parsed;
}

function defaultPatient(number: string, given: Partial<FakeMetrcPatientStatus>): FakeMetrcPatientStatus {
  const expires = new Date(Date.now() + 365 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const allowance = (allowed: number, purchased: number, available: number | undefined) => available ?? Math.max(0, allowed - purchased);
  const flower = [given.FlowerOuncesAllowed ?? 2.5, given.FlowerOuncesPurchased ?? 0] as const;
  const thc = [given.ThcOuncesAllowed ?? 0.5, given.ThcOuncesPurchased ?? 0] as const;
  const concentrate = [given.ConcentrateOuncesAllowed ?? 0.5, given.ConcentrateOuncesPurchased ?? 0] as const;
  const infused = [given.InfusedOuncesAllowed ?? 0.5, given.InfusedOuncesPurchased ?? 0] as const;
  return {
    PatientLicenseNumber: number,
    Active: given.Active ?? true,
    FlowerOuncesAllowed: flower[0],
    FlowerOuncesPurchased: flower[1],
    FlowerOuncesAvailable: allowance(...flower, given.FlowerOuncesAvailable),
    ThcOuncesAllowed: thc[0],
    ThcOuncesPurchased: thc[1],
    ThcOuncesAvailable: allowance(...thc, given.ThcOuncesAvailable),
    ConcentrateOuncesAllowed: concentrate[0],
    ConcentrateOuncesPurchased: concentrate[1],
    ConcentrateOuncesAvailable: allowance(...concentrate, given.ConcentrateOuncesAvailable),
    InfusedOuncesAllowed: infused[0],
    InfusedOuncesPurchased: infused[1],
    InfusedOuncesAvailable: allowance(...infused, given.InfusedOuncesAvailable),
    PurchaseAmountDays: given.PurchaseAmountDays ?? 14,
    PatientLicenseExpirationDate: given.PatientLicenseExpirationDate ?? expires,
  };
}

export interface FakeMetrcState {
  readonly store: ReceiptStore;
  readonly packages: PackageStore;
  readonly transfers: TransferStore;
  readonly adjustments: FakeMetrcAdjustment[];
  readonly routes: readonly Route[];
}

export function createState(options: FakeMetrcOptions): FakeMetrcState {
  const store = new ReceiptStore();
  const packages = new PackageStore();
  packages.set(options.packages ?? []);
  const transfers = new TransferStore();
  transfers.set(options.transfers ?? []);
  const adjustments: FakeMetrcAdjustment[] = [];
  const known = options.knownPackages ?? ((label: string) => PACKAGE_LABEL.test(label));
  const reasons = options.adjustReasons ?? DEFAULT_REASONS;
  const withTransactions = options.listsIncludeTransactions ?? false;
  const version = (m: RegExpExecArray) => (m[1]?.toLowerCase() === 'v1' ? 'v1' : 'v2');
  const receiptView = (r: object) => ({ ...r, RecordedByUserName: 'Fake Metrc User' });

  const post = (req: Request): Answer => {
    const rows = arrayBody(req.body);
    if (!Array.isArray(rows)) return rows;
    const checked = validateReceipts(rows, known, false);
    if (!checked.ok) return json(400, checked.errors);
    const ids = checked.rows.map((r) => store.add(r));
    return version(req.match) === 'v1' ? empty() : json(200, { Ids: ids, Warnings: null });
  };

  const put = (req: Request): Answer => {
    const rows = arrayBody(req.body);
    if (!Array.isArray(rows)) return rows;
    const checked = validateReceipts(rows, known, true);
    if (!checked.ok) return json(400, checked.errors);
    if (checked.rows.some((r) => r.Id === null || !store.has(r.Id))) return foreignId();
    for (const r of checked.rows) if (r.Id !== null) store.update(r.Id, r);
    return empty();
  };

  const finalize =
    (final: boolean) =>
    (req: Request): Answer => {
      const rows = arrayBody(req.body);
      if (!Array.isArray(rows)) return rows;
      const ids = rows.map((r) => (isRecord(r) && typeof r['Id'] === 'number' ? r['Id'] : Number.NaN));
      if (ids.some((id) => !store.has(id))) return foreignId();
      for (const id of ids) store.setFinal(id, final);
      return empty();
    };

  const adjust = (req: Request): Answer => {
    const rows = arrayBody(req.body);
    if (!Array.isArray(rows)) return rows;
    const checked = validateAdjustments(rows, known, reasons);
    if (!checked.ok) return json(400, checked.errors);
    const ids = checked.rows.map((a) => {
      const id = adjustments.length + 1;
      adjustments.push({ Id: id, ...a, RecordedDateTime: serverTime() });
      return id;
    });
    return json(200, { Ids: ids, Warnings: null });
  };

  const routes: Route[] = [
    { method: 'POST', path: /^\/sales\/(v[12])\/receipts\/?$/i, licence: 'required', handle: post },
    { method: 'PUT', path: /^\/sales\/(v[12])\/receipts\/?$/i, licence: 'required', handle: put },
    { method: 'PUT', path: /^\/sales\/(v2)\/receipts\/finalize\/?$/i, licence: 'required', handle: finalize(true) },
    { method: 'PUT', path: /^\/sales\/(v2)\/receipts\/unfinalize\/?$/i, licence: 'required', handle: finalize(false) },
    {
      method: 'DELETE',
      path: /^\/sales\/(v[12])\/receipts\/(\d+)\/?$/i,
      licence: 'required',
      handle: ({ match }) => (store.archive(Number(match[2])) ? empty() : foreignId()),
    },
    {
      method: 'GET',
      path: /^\/sales\/(v[12])\/receipts\/(active|inactive)\/?$/i,
      licence: 'required',
      handle: ({ match, params }) => store.list(match[2]?.toLowerCase() === 'active' ? 'active' : 'inactive', params, version(match), withTransactions),
    },
    {
      method: 'GET',
      path: /^\/sales\/(v[12])\/receipts\/(\d+)\/?$/i,
      licence: 'optional',
      handle: ({ match }) => {
        const r = store.get(Number(match[2]));
        return r ? json(200, receiptView(r)) : foreignId();
      },
    },
    {
      // The shape of a miss is unconfirmed in the real API; this fake answers 404 {"Message"}.
      method: 'GET',
      path: /^\/sales\/(v2)\/receipts\/external\/([^/]+)\/?$/i,
      licence: 'required',
      handle: ({ match }) => {
        const r = store.byExternal(decodeURIComponent(match[2] ?? ''));
        return r ? json(200, receiptView(r)) : message(404, 'No receipt found');
      },
    },
    {
      // Unknown patients answer an empty array rather than 404 (unconfirmed either way).
      method: 'GET',
      path: /^\/patients\/(v2)\/statuses\/([^/]+)\/?$/i,
      licence: 'required',
      handle: ({ match }) => {
        const number = decodeURIComponent(match[2] ?? '');
        const given = options.patients?.[number];
        return json(200, given ? [defaultPatient(number, given)] : []);
      },
    },
    { method: 'GET', path: /^\/packages\/(v[12])\/active\/?$/i, licence: 'required', handle: ({ match, params }) => packages.active(params, version(match)) },
    {
      method: 'GET',
      path: /^\/packages\/(v[12])\/adjust\/reasons\/?$/i,
      licence: 'required',
      handle: ({ match, params }) => (version(match) === 'v1' ? json(200, reasons) : envelope(reasons, params)),
    },
    { method: 'POST', path: /^\/packages\/(v2)\/adjust\/?$/i, licence: 'required', handle: adjust },
    {
      method: 'GET',
      path: /^\/transfers\/(v[12])\/incoming\/?$/i,
      licence: 'required',
      handle: ({ match, params }) => transfers.incoming(params, version(match)),
    },
    {
      method: 'GET',
      path: /^\/transfers\/(v[12])\/(\d+)\/deliveries\/?$/i,
      licence: 'optional',
      handle: ({ match, params }) => transfers.deliveries(Number(match[2]), params, version(match)),
    },
    {
      // v2 says deliveries/{id}/packages, v1 delivery/{id}/packages.
      method: 'GET',
      path: /^\/transfers\/(v2)\/deliveries\/(\d+)\/packages\/?$|^\/transfers\/(v1)\/delivery\/(\d+)\/packages\/?$/i,
      licence: 'optional',
      handle: ({ match, params }) => transfers.packages(Number(match[2] ?? match[4]), params, match[1] === undefined ? 'v1' : 'v2'),
    },
  ];
  return { store, packages, transfers, adjustments, routes };
}

export function findRoute(routes: readonly Route[], method: string, path: string): { route: Route; match: RegExpExecArray } | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.path.exec(path);
    if (match) return { route, match };
  }
  return null;
}

export { notFound };
