/** Public types of the fake Metrc server (see index.ts for the behaviour). */

export interface FakeMetrcFaults {
  /** Probabilities in [0,1], drawn per write request (POST/PUT/DELETE) from a seeded PRNG. */
  readonly error500?: number; // answer 500 without storing
  readonly rateLimit429?: number; // answer 429 (with header Retry-After: 1 only if retryAfterHeader true) without storing
  readonly dropBeforeCommit?: number; // destroy the socket without storing
  readonly commitThenDrop?: number; // store the receipts, then destroy the socket before answering
  readonly retryAfterHeader?: boolean;
  readonly seed?: number;
}

/** One row of `GET /patients/v2/statuses/{patientLicenseNumber}`. */
export interface FakeMetrcPatientStatus {
  PatientLicenseNumber: string;
  Active: boolean;
  FlowerOuncesAllowed: number;
  FlowerOuncesPurchased: number;
  FlowerOuncesAvailable: number;
  ThcOuncesAllowed: number;
  ThcOuncesPurchased: number;
  ThcOuncesAvailable: number;
  ConcentrateOuncesAllowed: number;
  ConcentrateOuncesPurchased: number;
  ConcentrateOuncesAvailable: number;
  InfusedOuncesAllowed: number;
  InfusedOuncesPurchased: number;
  InfusedOuncesAvailable: number;
  PurchaseAmountDays: number;
  /** YYYY-MM-DD */
  PatientLicenseExpirationDate: string;
}

export interface FakeMetrcAdjustReason {
  readonly Name: string;
  readonly RequiresNote: boolean;
}

/** One package as `GET /packages/{v}/active` lists it (the documented package object). */
export interface FakeMetrcPackage {
  Id: number;
  Label: string;
  PackageType: string;
  Quantity: number;
  UnitOfMeasureName: string;
  PackagedDate: string;
  LabTestingState: string;
  IsOnHold: boolean;
  IsFinished: boolean;
  ArchivedDate: string | null;
  LastModified: string;
  Item: { Name: string; ProductCategoryName: string };
}

/** What a test gives for a package: the tag, quantity and unit; the rest has plain defaults (active, not on hold). */
export type FakeMetrcPackageSeed = Pick<FakeMetrcPackage, 'Label' | 'Quantity' | 'UnitOfMeasureName'> &
  Partial<Omit<FakeMetrcPackage, 'Label' | 'Quantity' | 'UnitOfMeasureName' | 'Item'>> & { Item?: Partial<FakeMetrcPackage['Item']> };

export interface FakeMetrcOptions {
  readonly vendorKey: string;
  readonly userKey: string;
  /** The one facility licence these keys may use. */
  readonly licenseNumber: string;
  /** Default: every well-formed 24-character label is known. */
  readonly knownPackages?: (label: string) => boolean;
  /** Added before answering every request (including errors and dropped sockets). */
  readonly latencyMs?: number;
  readonly faults?: FakeMetrcFaults;
  /** Default 50, per licence, GET only → 429. */
  readonly getRateLimitPerSecond?: number;
  /** Default 10 GETs in flight per licence → 429 beyond it. */
  readonly maxConcurrentGets?: number;
  /** Default 0 (random); the chosen port is kept across stop()/start(). */
  readonly port?: number;
  /** Patient statuses by patient licence number; missing fields get permissive defaults. Unknown patients → `[]`. */
  readonly patients?: Readonly<Record<string, Partial<FakeMetrcPatientStatus>>>;
  /** Default: Drying, Entry Error (note), Theft (note), Waste. */
  readonly adjustReasons?: readonly FakeMetrcAdjustReason[];
  /** List endpoints answer `Transactions: []` unless true (the real API may omit them there). */
  readonly listsIncludeTransactions?: boolean;
  /**
   * The facility's packages for `GET /packages/{v}/active` (finished or archived ones are left out of it).
   * Independent of `knownPackages`, and not moved by receipts or adjustments: a test states what Metrc holds.
   */
  readonly packages?: readonly FakeMetrcPackageSeed[];
  /** Incoming transfers (manifests) with their packages, for `GET /transfers/{v}/incoming` and friends. */
  readonly transfers?: readonly FakeMetrcTransferSeed[];
  /** Metrc's clock against this machine's, in ms, as sent in every answer's `Date` header (default 0: Node's own header). */
  readonly clockOffsetMs?: number;
}

export interface FakeMetrcReceipt {
  Id: number;
  ReceiptNumber: string;
  ExternalReceiptNumber: string;
  SalesDateTime: string;
  SalesCustomerType: string;
  PatientLicenseNumber: string | null;
  CaregiverLicenseNumber: string | null;
  Transactions: Array<Record<string, unknown>>;
  ArchivedDate: string | null;
  LastModified: string;
  RecordedDateTime: string;
  IsFinal: boolean;
  TotalPackages: number;
  TotalPrice: number;
}

export interface FakeMetrcAdjustment {
  Id: number;
  Label: string;
  Quantity: number;
  UnitOfMeasure: string;
  AdjustmentReason: string;
  AdjustmentDate: string;
  ReasonNote: string | null;
  RecordedDateTime: string;
}

export interface FakeMetrcStats {
  posts: number;
  puts: number;
  deletes: number;
  gets: number;
  /** Write requests answered by an injected fault (500, 429, or a dropped socket). */
  faultsInjected: number;
  /** Every 429 answered: GET rate limiting and injected 429 faults. */
  rejected429: number;
}

export interface FakeMetrc {
  /** http://127.0.0.1:<port>; stays the same across stop/start. */
  readonly url: string;
  /** Close the listener and destroy open sockets → connection refused. */
  stop(): Promise<void>;
  /** Listen again on the same port. */
  start(): Promise<void>;
  setFaults(f: FakeMetrcFaults): void;
  setLatency(ms: number): void;
  /** Replaces the incoming transfers (as the `transfers` option). */
  setTransfers(seeds: readonly FakeMetrcTransferSeed[]): void;
  /**
   * The next GETs whose path starts with `pathPrefix` (default `/transfers/`) are answered with these
   * failures, one each, in order: 429 (with `Retry-After` when given) or 500. Counted in `stats`.
   */
  failNextGets(failures: ReadonlyArray<{ readonly status: 429 | 500; readonly retryAfter?: string }>, pathPrefix?: string): void;
  /** Moves Metrc's clock (its `Date` header) against this machine's. */
  setClockOffset(ms: number): void;
  /** Every stored receipt (voided ones have ArchivedDate set); copies. */
  receipts(): FakeMetrcReceipt[];
  /** Every stored package adjustment; copies. */
  adjustments(): FakeMetrcAdjustment[];
  /** Replaces the facility's packages (as the `packages` option); Ids are numbered from 1 again. */
  setPackages(seeds: readonly FakeMetrcPackageSeed[]): void;
  /** The facility's packages, active or not; copies. */
  packages(): FakeMetrcPackage[];
  readonly stats: FakeMetrcStats;
  /** Final shutdown. */
  close(): Promise<void>;
}

/** One package of an incoming delivery, as the shipper sent it. */
export interface FakeMetrcTransferPackageSeed {
  readonly PackageId?: number;
  readonly PackageLabel: string;
  readonly ItemName: string;
  readonly ItemCategoryName?: string;
  readonly ItemStrainName?: string;
  readonly LabTestingState?: string;
  readonly PackagedDate?: string;
  readonly ShippedQuantity: number;
  readonly ShippedUnitOfMeasureName: string;
}

/** One incoming transfer with one delivery. */
export interface FakeMetrcTransferSeed {
  readonly Id?: number;
  readonly ManifestNumber: string;
  readonly DeliveryId?: number;
  /** Leave DeliveryId out of the incoming row, so the client must ask `/{id}/deliveries`. */
  readonly omitDeliveryId?: boolean;
  readonly ShipperFacilityLicenseNumber?: string;
  readonly ShipperFacilityName?: string;
  readonly LastModified?: string;
  readonly packages: readonly FakeMetrcTransferPackageSeed[];
}
