import { z } from 'zod';
import type { Setting } from '../store/settings';

/** Over or short by more than this (either way) needs a written explanation and a manager's approval. */
export const varianceThresholdSetting: Setting<number> = {
  key: 'drawer.variance_threshold_cents',
  schema: z.number().int().nonnegative(),
  defaultValue: 100,
};
