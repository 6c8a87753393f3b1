import { catalogHandlers } from '../catalog/handlers';
import { cartHandlers } from '../checkout/cart-handlers';
import { saleHandlers } from '../checkout/sale-handlers';
import { discountCeilingHandlers } from '../checkout/discount-ceiling-handlers';
import { localTaxHandlers } from '../taxes/local-tax-handlers';
import { drawerHandlers } from '../drawer/handlers';
import { reportHandlers } from '../reports/handlers';
import { retentionHandlers } from '../check-in/retention-handlers';
import { checkInHandlers } from '../check-in/handlers';
import { complianceFlagHandlers } from '../compliance-gate/flag-handlers';
import { customerHandlers } from '../customers/handlers';
import { sessionHandlers } from '../staff/handlers';
import { storeHandlers } from '../store/handlers';
import { syncHandlers } from '../sync/handlers';
import { deviceHandlers } from '../devices/handlers';
import { combineHandlers } from './registry';
import type { HandlerMap } from './handler';

/** Every feature's handlers; a missing or duplicate command fails at start-up. */
export function allHandlers(): HandlerMap {
  return combineHandlers(
    storeHandlers,
    sessionHandlers,
    catalogHandlers,
    customerHandlers,
    cartHandlers,
    saleHandlers,
    drawerHandlers,
    reportHandlers,
    retentionHandlers,
    checkInHandlers,
    complianceFlagHandlers,
    syncHandlers,
    deviceHandlers,
    discountCeilingHandlers,
    localTaxHandlers,
  );
}
