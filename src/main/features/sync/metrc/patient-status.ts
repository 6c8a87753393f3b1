import type { MetrcHttp } from '../../../../metrc/http';

/** 1 oz = 28.349523125 g: the state answers in ounces, the register counts milligrams. */
const MG_PER_OUNCE = 28_349.523125;

export interface Allotment {
  readonly allowedMg: number;
  readonly purchasedMg: number;
  readonly availableMg: number;
}

/** What Metrc says about a patient now, in the register's units. */
export interface PatientStatus {
  readonly patientLicenseNumber: string;
  readonly active: boolean;
  /** YYYY-MM-DD, or null when Metrc gives none. */
  readonly expiry: string | null;
  readonly flower: Allotment | null;
  readonly concentrate: Allotment | null;
  readonly infused: Allotment | null;
  /** The state's rolling window, in days. */
  readonly purchaseAmountDays: number | null;
}

/**
 * `GET /patients/v2/statuses/{number}`: the state's view of a patient. An
 * empty list means the state does not know the number: an inactive patient.
 * Fields outside the documented shape are ignored; a missing allotment is
 * null (not zero), so the register falls back to its own rules for it.
 */
export async function fetchPatientStatus(http: MetrcHttp, patientLicenseNumber: string): Promise<PatientStatus> {
  const response = await http.get(`/patients/v2/statuses/${encodeURIComponent(patientLicenseNumber)}`);
  const entry = Array.isArray(response.body) ? (response.body[0] as Record<string, unknown> | undefined) : undefined;
  if (response.status === 404 || entry === undefined) {
    return { patientLicenseNumber, active: false, expiry: null, flower: null, concentrate: null, infused: null, purchaseAmountDays: null };
  }
  return {
    patientLicenseNumber,
    active: entry['Active'] === true,
    expiry: typeof entry['PatientLicenseExpirationDate'] === 'string' ? entry['PatientLicenseExpirationDate'].slice(0, 10) : null,
    flower: allotment(entry, 'Flower'),
    concentrate: allotment(entry, 'Concentrate'),
    infused: allotment(entry, 'Infused'),
    purchaseAmountDays: typeof entry['PurchaseAmountDays'] === 'number' ? entry['PurchaseAmountDays'] : null,
  };
}

function allotment(entry: Record<string, unknown>, prefix: string): Allotment | null {
  const [allowed, purchased, available] = ['Allowed', 'Purchased', 'Available'].map((suffix) => entry[`${prefix}Ounces${suffix}`]);
  if (typeof allowed !== 'number' || typeof purchased !== 'number' || typeof available !== 'number') return null;
  // Rounded down: never credit a patient with more than the state allows.
  const mg = (ounces: number) => Math.max(0, Math.floor(ounces * MG_PER_OUNCE));
  return { allowedMg: mg(allowed), purchasedMg: mg(purchased), availableMg: mg(available) };
}

/**
 * Metrc serves patient status from a cache refreshed at most once a minute:
 * asking more often only costs rate limit. One answer per patient per minute.
 */
export class PatientStatusCache {
  readonly #ttlMs: number;
  readonly #entries = new Map<string, { at: number; status: PatientStatus }>();

  constructor(ttlMs = 60_000) {
    this.#ttlMs = ttlMs;
  }

  async get(number: string, fetch: () => Promise<PatientStatus>, now: number = Date.now()): Promise<PatientStatus> {
    const cached = this.#entries.get(number);
    if (cached !== undefined && now - cached.at < this.#ttlMs) return cached.status;
    const status = await fetch();
    this.#entries.set(number, { at: now, status });
    return status;
  }
}
