import { z } from 'zod';
import { defaultBackupSchedule, type BackupSchedule } from '../../platform/db/backups';
import type { Setting } from './settings';

/**
 * The nightly backup's rotation and timing (issue #19): keep the newest
 * backup of each of the last 7 days and of the last 4 weeks; take it from
 * 22:00 store time once the register has been idle 15 minutes.
 */
export const backupScheduleSetting: Setting<BackupSchedule> = {
  key: 'backups.schedule',
  schema: z
    .object({
      keepDaily: z.number().int().min(1).max(90),
      keepWeekly: z.number().int().min(0).max(104),
      afterLocalHour: z.number().int().min(0).max(23),
      idleMinutes: z.number().int().min(1).max(240),
    })
    .strict(),
  defaultValue: defaultBackupSchedule,
};
