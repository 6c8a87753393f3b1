import { eq } from 'drizzle-orm';
import { staff } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import type { PiiKeys } from '../../platform/security/pii-crypto';

/** Reading the values of a row the store's read stream carried, and naming the staff it names (store-read-tables.ts, store-customer-rows.ts). */

/** One row as the stream carried it. */
export interface StoreRow {
  readonly table: string;
  /** Inserted (true) or updated. */
  readonly insert: boolean;
  readonly row: Record<string, unknown>;
}

/** This register, as every row is applied to it: its own id at the store server, its store, its keys, and the stream's clock. */
export interface Here {
  readonly self: string | undefined;
  readonly storeId: string | undefined;
  readonly keys: PiiKeys | null;
  readonly now: Date;
}

export type StoreRowApplier = (tx: RegisterTx, row: StoreRow, here: Here) => void;

/** The value when it is one of `values`, else null. */
export function oneOf<const T extends string>(values: readonly T[], value: unknown): T | null {
  return (values as readonly unknown[]).includes(value) ? (value as T) : null;
}

export function knownStaff(tx: RegisterTx, id: string): string | null {
  return tx.select({ id: staff.id }).from(staff).where(eq(staff.id, id)).get()?.id ?? null;
}

export function firstAdmin(tx: RegisterTx): string {
  const admin = tx.select({ id: staff.id }).from(staff).where(eq(staff.role, 'admin')).get() ?? tx.select({ id: staff.id }).from(staff).get();
  if (admin === undefined) throw new Error('this register has no staff at all');
  return admin.id;
}

/** A `timestamptz` as the stream gives it: a Date when the client parsed it, else PostgreSQL's text ("2026-12-07 13:55:00.12+00"). */
export function instantOf(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value)
    .trim()
    .replace(' ', 'T')
    .replace(/([+-]\d\d)$/, '$1:00');
  return new Date(text);
}

/** A jsonb column as the stream gives it: parsed already, or PostgreSQL's text. */
export function jsonOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
}
