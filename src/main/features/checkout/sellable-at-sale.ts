import { AppError } from '../../../shared/errors';
import type { RegisterTx } from '../../platform/db/transaction';
import { holdRefusal, packageSaleState } from '../quality/holds';

const short = (tag: string) => `${tag.slice(0, 3)}…${tag.slice(-6)}`;

/**
 * The sale's own check of every package it draws from, at commit: the scan
 * checked it, but a package may have been put on hold, recalled or failed its
 * lab test since. Same codes as the scan, so the counter reads one message.
 */
export function requireSellableAtSale(tx: RegisterTx, tag: string): void {
  const pkg = packageSaleState(tx, tag);
  if (pkg === null) throw new AppError('PACKAGE_NOT_IN_STORE', `Tag ${short(tag)} is not in this store's inventory.`, { tag });
  switch (pkg.status) {
    case 'on_hold':
      throw new AppError('PACKAGE_ON_HOLD', `Package ${short(tag)} is on hold and cannot be sold — remove it from the cart and set it aside for a manager.`, {
        tag,
      });
    case 'recalled':
      throw new AppError('PACKAGE_RECALLED', `Package ${short(tag)} is recalled — remove it from the cart; do not sell it.`, { tag });
    case 'finished':
    case 'active':
      break;
  }
  if (pkg.lab !== 'TestPassed' && pkg.lab !== 'NotRequired') {
    throw new AppError('PACKAGE_UNTESTED', `Package ${short(tag)} has not passed lab testing (${pkg.lab}) and cannot be sold — remove it from the cart.`, {
      tag,
    });
  }
  if (pkg.hold !== null) throw holdRefusal(tag, pkg.hold);
}
