import type { FakeMetrcAdjustReason } from './types';

/** Body validation the way Metrc answers it: one `{row, message}` per bad row, row = index in our array. */

export const UNITS_OF_MEASURE: readonly string[] = ['Each', 'Grams', 'Milligrams', 'Ounces', 'Pounds', 'Kilograms'];
export const CUSTOMER_TYPES: readonly string[] = ['Consumer', 'Patient', 'Caregiver', 'ExternalPatient', 'NonResidentConsumer'];

export const PACKAGE_LABEL = /^[0-9A-Z]{24}$/;
// Metrc wants the facility's local time with no offset; a trailing Z or ±hh:mm is a client bug.
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface RowError {
  row: number;
  message: string;
}

export interface ValidReceipt {
  Id: number | null;
  ExternalReceiptNumber: string;
  SalesDateTime: string;
  SalesCustomerType: string;
  PatientLicenseNumber: string | null;
  CaregiverLicenseNumber: string | null;
  Transactions: Array<Record<string, unknown>>;
}

export type Validated<T> = { ok: true; rows: T[] } | { ok: false; errors: RowError[] };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validCalendar(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): boolean {
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h <= 23 && mi <= 59 && s <= 59;
}

export function isLocalDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE_TIME.exec(value);
  return m !== null && validCalendar(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

export function isDateOnly(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_ONLY.exec(value);
  return m !== null && validCalendar(Number(m[1]), Number(m[2]), Number(m[3]));
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const optionalString = (v: unknown): v is string | null | undefined => v === undefined || v === null || typeof v === 'string';
const unknownPackage = (label: unknown) => `Package ${String(label)} does not exist in the current Facility.`;

function checkTransaction(line: unknown, index: number, knownPackage: (label: string) => boolean): string | null {
  if (!isRecord(line)) return `Transactions[${index}] must be an object.`;
  const label = line['PackageLabel'];
  if (typeof label !== 'string' || !PACKAGE_LABEL.test(label) || !knownPackage(label)) return unknownPackage(label);
  if (!isNumber(line['Quantity']) || line['Quantity'] <= 0) return `Quantity for package ${label} must be greater than zero.`;
  if (typeof line['UnitOfMeasure'] !== 'string' || !UNITS_OF_MEASURE.includes(line['UnitOfMeasure']))
    return `Unit of measure ${String(line['UnitOfMeasure'])} is not valid.`;
  if (!isNumber(line['TotalAmount']) || line['TotalAmount'] < 0) return `TotalAmount for package ${label} must be zero or more.`;
  return null;
}

function checkReceipt(row: unknown, knownPackage: (label: string) => boolean, requireId: boolean): ValidReceipt | string {
  if (!isRecord(row)) return 'Each receipt must be an object.';
  let id: number | null = null;
  if (requireId) {
    if (typeof row['Id'] !== 'number' || !Number.isInteger(row['Id']) || row['Id'] <= 0) return 'Id is required.';
    id = row['Id'];
  }
  if (!isLocalDateTime(row['SalesDateTime'])) return `SalesDateTime ${String(row['SalesDateTime'])} is not a valid local date and time (no offset).`;
  const type = row['SalesCustomerType'];
  if (typeof type !== 'string' || !CUSTOMER_TYPES.includes(type)) return `Sales customer type ${String(type)} is not valid.`;
  const patient = row['PatientLicenseNumber'];
  const external = row['ExternalReceiptNumber'];
  if (!optionalString(patient) || !optionalString(external) || !optionalString(row['CaregiverLicenseNumber']))
    return 'License and receipt numbers must be strings.';
  if ((type === 'Patient' || type === 'Caregiver') && !patient) return 'Patient license number is required.';
  // The reference says caregiver sales need both numbers.
  if (type === 'Caregiver' && !row['CaregiverLicenseNumber']) return 'Caregiver license number is required.';
  const lines = row['Transactions'];
  if (!Array.isArray(lines) || lines.length === 0) return 'At least one transaction is required.';
  for (const [i, line] of lines.entries()) {
    const problem = checkTransaction(line, i, knownPackage);
    if (problem !== null) return problem;
  }
  return {
    Id: id,
    ExternalReceiptNumber: external ?? '',
    SalesDateTime: row['SalesDateTime'],
    SalesCustomerType: type,
    PatientLicenseNumber: patient ?? null,
    CaregiverLicenseNumber: (row['CaregiverLicenseNumber'] as string | null | undefined) ?? null,
    Transactions: structuredClone(lines as Array<Record<string, unknown>>),
  };
}

function collect<T>(rows: readonly unknown[], check: (row: unknown) => T | string): Validated<T> {
  const ok: T[] = [];
  const errors: RowError[] = [];
  rows.forEach((row, index) => {
    const result = check(row);
    if (typeof result === 'string') errors.push({ row: index, message: result });
    else ok.push(result);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows: ok };
}

export function validateReceipts(rows: readonly unknown[], knownPackage: (label: string) => boolean, requireId: boolean): Validated<ValidReceipt> {
  return collect(rows, (row) => checkReceipt(row, knownPackage, requireId));
}

export interface ValidAdjustment {
  Label: string;
  Quantity: number;
  UnitOfMeasure: string;
  AdjustmentReason: string;
  AdjustmentDate: string;
  ReasonNote: string | null;
}

export function validateAdjustments(
  rows: readonly unknown[],
  knownPackage: (label: string) => boolean,
  reasons: readonly FakeMetrcAdjustReason[],
): Validated<ValidAdjustment> {
  return collect(rows, (row): ValidAdjustment | string => {
    if (!isRecord(row)) return 'Each adjustment must be an object.';
    const label = row['Label'];
    if (typeof label !== 'string' || !PACKAGE_LABEL.test(label) || !knownPackage(label)) return unknownPackage(label);
    // Quantity is a signed delta; zero adjusts nothing.
    if (!isNumber(row['Quantity']) || row['Quantity'] === 0) return 'Quantity must be a non-zero number.';
    if (typeof row['UnitOfMeasure'] !== 'string' || !UNITS_OF_MEASURE.includes(row['UnitOfMeasure']))
      return `Unit of measure ${String(row['UnitOfMeasure'])} is not valid.`;
    const reason = reasons.find((r) => r.Name === row['AdjustmentReason']);
    if (reason === undefined) return `Adjustment reason ${String(row['AdjustmentReason'])} is not valid.`;
    const note = row['ReasonNote'];
    if (!optionalString(note)) return 'ReasonNote must be a string.';
    if (reason.RequiresNote && !note) return `Adjustment reason ${reason.Name} requires a note.`;
    if (!isDateOnly(row['AdjustmentDate'])) return `AdjustmentDate ${String(row['AdjustmentDate'])} must be YYYY-MM-DD.`;
    return {
      Label: label,
      Quantity: row['Quantity'],
      UnitOfMeasure: row['UnitOfMeasure'],
      AdjustmentReason: reason.Name,
      AdjustmentDate: row['AdjustmentDate'],
      ReasonNote: note ?? null,
    };
  });
}
