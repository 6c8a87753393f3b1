import { z } from 'zod';
import type { AdultUseIdRetentionSetting } from '../../platform/security/retention';
import type { Setting } from '../store/settings';

/**
 * The compliance officer's choice of how long adult-use ID data may be kept.
 * Until one is made, nothing is kept: the most private reading of the rule.
 */
export const adultUseIdRetentionSetting: Setting<AdultUseIdRetentionSetting | null> = {
  key: 'compliance.adult_use_id_retention',
  schema: z
    .object({
      policy: z.discriminatedUnion('retain', [
        z.object({ retain: z.literal('never') }),
        z.object({ retain: z.literal('days'), days: z.number().int().min(1).max(3650) }),
      ]),
      chosenByStaffId: z.string(),
      chosenAt: z.number().int(),
    })
    .nullable(),
  defaultValue: null,
};
