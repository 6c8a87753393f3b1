import { catalogHandlers } from '../features/catalog/handlers';
import { cartHandlers } from '../features/checkout/cart-handlers';
import { saleHandlers } from '../features/checkout/sale-handlers';
import { discountCeilingHandlers } from '../features/checkout/discount-ceiling-handlers';
import { localTaxHandlers } from '../features/taxes/local-tax-handlers';
import { drawerHandlers } from '../features/cash-drawer/handlers';
import { reportHandlers } from '../features/reports/handlers';
import { retentionHandlers } from '../features/check-in/retention-handlers';
import { checkInHandlers } from '../features/check-in/handlers';
import { complianceFlagHandlers } from '../features/compliance/flag-handlers';
import { customerHandlers } from '../features/customers/handlers';
import { sessionHandlers } from '../features/staff/handlers';
import { rosterHandlers } from '../features/staff/roster-handlers';
import { storeHandlers } from '../features/store/handlers';
import { syncHandlers } from '../features/sync/handlers';
import { deviceHandlers } from '../features/devices/handlers';
import { storeLinkHandlers } from '../features/store-link/handlers';
import { storeRegisterHandlers } from '../features/store-link/store-registers';
import { openingCheckHandlers } from '../features/opening-check/handlers';
import { itIncidentHandlers } from '../features/it-incidents/handlers';
import { receivingHandlers } from '../features/receiving/handlers';
import { countHandlers } from '../features/inventory-counts/handlers';
import { careHandlers } from '../features/care/handlers';
import { loyaltyHandlers } from '../features/loyalty/handlers';
import { qualityHandlers } from '../features/quality/handlers';
import { certificateHandlers } from '../features/catalog/certificate-handlers';
import { loyaltyFeedHandlers } from '../features/sync/alpine-iq/handlers';
import { cartLoyaltyHandlers } from '../features/checkout/loyalty-handlers';
import { onlineOrderHandlers } from '../features/online-orders/handlers';
import { notificationHandlers } from '../features/notifications/handlers';
import { staffAlertHandlers } from '../features/staff-alerts/handlers';
import { customerProfileHandlers } from '../features/customer-profile/handlers';
import { thresholdHandlers } from '../features/thresholds/handlers';
import { combineHandlers } from './registry';
import type { HandlerMap } from './handler';

/** Every feature's handlers; a missing or duplicate command fails at start-up. */
export function allHandlers(): HandlerMap {
  return combineHandlers(
    storeHandlers,
    sessionHandlers,
    rosterHandlers,
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
    storeLinkHandlers,
    storeRegisterHandlers,
    openingCheckHandlers,
    itIncidentHandlers,
    receivingHandlers,
    countHandlers,
    careHandlers,
    loyaltyHandlers,
    cartLoyaltyHandlers,
    qualityHandlers,
    certificateHandlers,
    loyaltyFeedHandlers,
    onlineOrderHandlers,
    notificationHandlers,
    staffAlertHandlers,
    customerProfileHandlers,
    thresholdHandlers,
  );
}
