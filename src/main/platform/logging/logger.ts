import { pino } from 'pino';

/**
 * The main process's one logger. It writes to stderr so that CLI commands
 * keep stdout for their JSON answer.
 */
export const logger = pino(
  { name: 'greentill', level: process.env['GREENTILL_LOG_LEVEL'] ?? (process.env['VITEST'] ? 'silent' : 'info') },
  pino.destination(2),
);
