import { resolve } from 'node:path';
import { isServiceAddress } from '../../../shared/contract/sync';
import type { MetrcLaneOptions } from '../../features/sync/metrc-lane';

/** The options every command that talks to Metrc takes, in the order the usage lines give them. */
export const METRC_OPTION_NAMES = ['db', 'metrc-url', 'vendor-key', 'user-key', 'license', 'api-version'] as const;
export type MetrcOptionName = (typeof METRC_OPTION_NAMES)[number];

export interface MetrcCommandOptions {
  /** Absolute: the command may hand it to code that resolves paths from elsewhere. */
  readonly databasePath: string;
  readonly connection: Pick<MetrcLaneOptions, 'baseUrl' | 'apiVersion' | 'licenseNumber' | 'vendorKey' | 'userKey'>;
}

/**
 * `--db --metrc-url --vendor-key --user-key --license [--api-version v1|v2]`
 * checked the same way for every command: all required but the version
 * (v2 unless told), the URL a real URL. A problem is a sentence for the
 * `INVALID_ARGUMENTS` error.
 */
export function metrcCommandOptions(values: Partial<Record<MetrcOptionName, string>>): MetrcCommandOptions | { error: string } {
  const missing = (['db', 'metrc-url', 'vendor-key', 'user-key', 'license'] as const).filter((k) => values[k] === undefined);
  if (missing.length > 0) return { error: `Missing ${missing.map((m) => `--${m}`).join(', ')}.` };
  const apiVersion = values['api-version'] ?? 'v2';
  if (apiVersion !== 'v1' && apiVersion !== 'v2') return { error: '--api-version must be v1 or v2.' };
  const baseUrl = values['metrc-url'] ?? '';
  if (!URL.canParse(baseUrl)) return { error: '--metrc-url must be a URL such as https://sandbox-api-ca.metrc.com.' };
  // The keys travel with every request: never in clear over a network.
  if (!isServiceAddress(baseUrl)) return { error: '--metrc-url must start with https:// (http:// only for localhost or 127.0.0.1).' };
  return {
    databasePath: resolve(values.db ?? ''),
    connection: { baseUrl, apiVersion, licenseNumber: values.license ?? '', vendorKey: values['vendor-key'] ?? '', userKey: values['user-key'] ?? '' },
  };
}
