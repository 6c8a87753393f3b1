import type { Setting } from '../store/settings';
import { localTaxes, type LocalTax } from '../../../shared/domain/taxes/local-taxes';

/** The city and county taxes of the store's own jurisdiction; none until a manager sets them. */
export const localTaxesSetting: Setting<LocalTax[]> = {
  key: 'taxes.local',
  schema: localTaxes,
  defaultValue: [],
};
