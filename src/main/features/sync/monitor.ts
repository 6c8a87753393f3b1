import { AppError } from '../../../shared/errors';
import type { LaneConnectivity } from './dispatcher';
import type { PackageReconciliation } from './package-reconciliation';
import type { PatientStatus } from './metrc/patient-status';

/** What the core may ask of the running sync engine (nothing, when none runs: the CLI, tests). */
export interface SyncMonitor {
  /** Destinations with a delivering adapter. */
  readonly destinations: readonly string[];
  connectivity(destination: string): LaneConnectivity | null;
  /** New work is queued: deliver it now rather than at the next poll. */
  wake(): void;
  /** Settings changed (e.g. new Metrc keys): rebuild the adapters. */
  reconfigure(): Promise<void>;
  /** The state system's view of a medical patient now, or why it cannot be had. */
  patientStatus(patientLicenseNumber: string): Promise<PatientStatusAnswer>;
  /** Metrc's active packages against the store's, over the lane's own connection (throws a readable AppError when it cannot be done). */
  reconcilePackages(by: { readonly staffId: string; readonly terminalId: string }): Promise<PackageReconciliation>;
}

export type PatientStatusAnswer = { readonly online: true; readonly status: PatientStatus } | { readonly online: false; readonly reason: string };

export const syncNotRunning: SyncMonitor = {
  destinations: [],
  connectivity: () => null,
  wake: () => undefined,
  reconfigure: () => Promise.resolve(),
  patientStatus: () => Promise.resolve({ online: false, reason: 'The register is not connected to Metrc (not set up).' }),
  reconcilePackages: () => Promise.reject(metrcNotSetUp()),
};

export function metrcNotSetUp(): AppError {
  return new AppError('METRC_NOT_SET_UP', 'The register is not connected to Metrc: an admin sets the connection up on the Sync screen (F5).');
}
