import { DiscountCeilingsPanel } from '../components/DiscountCeilingsPanel';
import { LocalTaxesPanel } from '../components/LocalTaxesPanel';
import { StoreThresholdsPanel } from '../components/StoreThresholdsPanel';

/**
 * The store's settings a manager changes (issue #20): thresholds, local
 * taxes and manual-discount ceilings, each save audited. Compliance settings
 * and credentials have their own screens (they need other roles); in a
 * store with a server each save here is the setting of every register.
 */
export function SettingsScreen() {
  return (
    <section className="settings-screen" aria-label="Settings">
      <h2>Settings</h2>
      <StoreThresholdsPanel />
      <LocalTaxesPanel />
      <DiscountCeilingsPanel />
    </section>
  );
}
