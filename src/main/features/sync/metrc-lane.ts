import { openMedicalRegistration } from '../customers/pii';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { TRACEABILITY_LANE } from './lanes';
import { MetrcAdapter, type MetrcApiVersion } from '../../../metrc/adapter';
import { MetrcHttp } from '../../../metrc/http';

export interface MetrcLaneOptions {
  readonly baseUrl: string;
  readonly apiVersion: MetrcApiVersion;
  readonly licenseNumber: string;
  readonly vendorKey: string;
  readonly userKey: string;
  readonly timeoutMs?: number;
  readonly batchSize?: number;
  /** Batches out at once (default METRC_IN_FLIGHT, from Metrc's documented limits). */
  readonly inFlight?: number;
}

/** The traceability lane's adapter, as the register and the `sync` support command both build it. */
export function metrcLane(options: MetrcLaneOptions, keys: PiiKeys, shared?: MetrcHttp): MetrcAdapter {
  const http =
    shared ??
    new MetrcHttp({
      baseUrl: options.baseUrl,
      licenseNumber: options.licenseNumber,
      vendorKey: options.vendorKey,
      userKey: options.userKey,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
  return new MetrcAdapter({
    http,
    version: options.apiVersion,
    destination: TRACEABILITY_LANE,
    revealPatientNumber: (sealed) => openMedicalRegistration(keys, sealed),
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.inFlight === undefined ? {} : { inFlight: options.inFlight }),
  });
}
