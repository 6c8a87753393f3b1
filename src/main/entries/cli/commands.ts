import type { CliCommand } from './command';
import { checkLimitsCommand } from './commands/check-limits';
import { exportAuditCommand } from './commands/export-audit';
import { parseIdCommand } from './commands/parse-id';
import { priceCartCommand } from './commands/price-cart';
import { purgeIdDataCommand } from './commands/purge-id-data';
import { purgeCustomerNotesCommand } from './commands/purge-customer-notes';
import { unlockStaffCommand } from './commands/unlock-staff';
import { reconcilePackagesCommand } from './commands/reconcile-packages';
import { setupStoreCommand } from './commands/setup-store';
import { simulateSalesCommand } from './commands/simulate-sales';
import { syncCommand } from './commands/sync';
import { offlineExceptionsCommand } from './commands/offline-exceptions';
import { verifyAuditCommand } from './commands/verify-audit';
import { backupNowCommand } from './commands/backup-now';
import { backupsCommand } from './commands/backups';
import { restoreCommand } from './commands/restore';
import { storeServerCommands } from './commands/store-server';
import { relayCommands } from './commands/relay';
import { doctorCommand } from './commands/doctor';
import { incidentsExportCommand } from './commands/incidents-export';
import { customerNotesCommand } from './commands/customer-notes';
import { qaExportCommand } from './commands/qa-export';
import { productImageCommand } from './commands/product-image';
import { customerFindCommand } from './commands/customer-find';
import { customerPurchasesCommand } from './commands/customer-purchases';

/**
 * Every support command, by name. One line per command; the implementation
 * lives in `commands/<name>.ts` and calls the register's own modules.
 */
export const cliCommands: readonly CliCommand[] = [
  verifyAuditCommand,
  exportAuditCommand,
  setupStoreCommand,
  purgeIdDataCommand,
  purgeCustomerNotesCommand,
  checkLimitsCommand,
  priceCartCommand,
  parseIdCommand,
  simulateSalesCommand,
  syncCommand,
  reconcilePackagesCommand,
  offlineExceptionsCommand,
  unlockStaffCommand,
  backupsCommand,
  backupNowCommand,
  restoreCommand,
  ...storeServerCommands,
  ...relayCommands,
  doctorCommand,
  incidentsExportCommand,
  customerNotesCommand,
  qaExportCommand,
  productImageCommand,
  customerFindCommand,
  customerPurchasesCommand,
];
