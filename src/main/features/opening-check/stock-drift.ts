import type { RegisterDb } from '../../platform/db/open';
import type { CheckResult } from './checks';

/**
 * Stock movements since the last approved inventory count that no count has
 * looked at yet. Until the register records counts there is nothing to
 * compare with: amber, so nobody reads "no drift" into "never counted".
 */
export function stockDrift(_db: RegisterDb, _storeId: string): CheckResult {
  return {
    status: 'amber',
    detail: 'No inventory count is on record yet, so drift since the last count cannot be measured.',
    fix: 'Run a blind count of the sales floor to set a baseline.',
    action: null,
  };
}
