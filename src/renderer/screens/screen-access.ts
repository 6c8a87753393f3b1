import type { Permission } from '../../shared/permissions';

/** The register's screens, their function keys (null: reached by its tab only), and what a role needs to use each (null: anyone signed in). */
export const SCREENS = [
  { id: 'checkout', label: 'Checkout', key: 'F1', needs: 'sale.ring' },
  { id: 'drawer', label: 'Drawer', key: 'F2', needs: 'drawer.open' },
  // Returns and voids are rung by floor staff; a manager's PIN lends them the refund when needed.
  { id: 'returns', label: 'Returns', key: 'F3', needs: 'sale.ring' },
  { id: 'reports', label: 'Reports', key: 'F4', needs: 'reports.view' },
  { id: 'sync', label: 'Sync', key: 'F5', needs: null },
  { id: 'compliance', label: 'Compliance', key: 'F6', needs: 'compliance.review' },
  // F7 is the opening check and F8 an IT incident, from any screen.
  { id: 'backroom', label: 'Back room', key: 'F9', needs: 'inventory.receive' },
  { id: 'care', label: 'Care', key: 'F10', needs: 'quality.manage' },
  // Online orders (issue #21) are picked and handed over by whoever rings sales.
  { id: 'orders', label: 'Orders', key: 'F11', needs: 'sale.ring' },
  // The roster: who works here, their roles and PINs (the same at every register of a store). Managers' work, not the
  // counter's: a tab without a function key (F12 is the cash keypad at checkout).
  { id: 'staff', label: 'Staff', key: null, needs: 'staff.manage' },
  // The store's thresholds and discount ceilings (issue #20): managers' work too, by its tab.
  { id: 'settings', label: 'Settings', key: null, needs: 'settings.edit' },
] as const satisfies readonly { id: string; label: string; key: string | null; needs: Permission | null }[];

export type ScreenId = (typeof SCREENS)[number]['id'];
export type ScreenEntry = (typeof SCREENS)[number];

/** The screens a signed-in person's permissions let them use, in tab order. */
export function screensFor(permissions: readonly string[]): readonly ScreenEntry[] {
  return SCREENS.filter((s) => s.needs === null || permissions.includes(s.needs));
}
