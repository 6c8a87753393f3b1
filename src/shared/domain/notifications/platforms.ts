/**
 * Which marketplaces let the store text their customers itself (issue #21),
 * as data. Leafly is the sole originator of automated consumer messages for
 * its orders (Order API terms, ../shared/reference/orders.md): never.
 * Weedmaps texts its customers itself on status changes. Jane ⚠: not
 * documented publicly; treated as not allowed until confirmed with Jane.
 */
export interface PartnerMessaging {
  readonly platform: string;
  readonly customerTexts: 'allowed' | 'never';
  readonly staffAlerts: 'allowed';
  readonly source: string;
}

export const PARTNER_MESSAGING: Readonly<Record<string, PartnerMessaging>> = {
  leafly: {
    platform: 'leafly',
    customerTexts: 'never',
    staffAlerts: 'allowed',
    source: 'Leafly Order API v1: Leafly is the sole originator of automated consumer messages; no automated partner texts or e-mails',
  },
  weedmaps: { platform: 'weedmaps', customerTexts: 'never', staffAlerts: 'allowed', source: 'Weedmaps texts customers itself on order status changes' },
  jane: { platform: 'jane', customerTexts: 'never', staffAlerts: 'allowed', source: '⚠ not documented publicly: not allowed until Jane confirms in writing' },
  greentill: {
    platform: 'greentill',
    customerTexts: 'allowed',
    staffAlerts: 'allowed',
    source: 'the store’s own menu or middleware (the Greentill order webhook v1)',
  },
};

/** Whether the store may text the customer of an order from `platform` (null: not an online order). Unknown platforms: never. */
export function platformAllowsCustomerTexts(platform: string | null): boolean {
  if (platform === null) return true;
  return PARTNER_MESSAGING[platform]?.customerTexts === 'allowed';
}
