import { z } from 'zod';

/**
 * What the register's core tells the screen without being asked (issue #19),
 * on the same channel as the commands' answers: instead of long-polls, the
 * page hears that something changed and reads it with the command it always
 * used. A push carries no customer data and nothing a session guards — the
 * read that follows goes through the registry's checks (a licence scan
 * reaches only a signed-in screen: `scanner-next` still says whether it may).
 */
export const pushEvent = z.discriminatedUnion('kind', [
  /**
   * The host's, on every (re)connection of a push stream: the core's restart
   * count now. Everything may have changed since the page last heard: it
   * reads what it shows again (a fresh snapshot rather than a replay).
   */
  z.object({ kind: z.literal('hello'), generation: z.number().int().nonnegative() }).strict(),
  /** The host's: the core died and is answering again (its staff session is gone), whether or not a command was in flight. */
  z.object({ kind: z.literal('core-restarted'), generation: z.number().int().nonnegative() }).strict(),
  /** A background scanner read something: `scanner-next` hands it over (to a signed-in screen only). */
  z.object({ kind: z.literal('scan-arrived') }).strict(),
  /** What `sync-status` answers has changed (a lane online or offline, the backlog, a refusal). */
  z.object({ kind: z.literal('sync-changed') }).strict(),
  /** The online order queue has changed (an order arrived, was cancelled, moved on). */
  z.object({ kind: z.literal('orders-changed') }).strict(),
  /** The staff alerts open at this register have changed (one raised, one acknowledged). */
  z.object({ kind: z.literal('alerts-changed') }).strict(),
  /** This register's standing with its store server has changed (connected or cut off, the isolation policy, designation). */
  z.object({ kind: z.literal('store-link-changed') }).strict(),
]);
export type PushEvent = z.infer<typeof pushEvent>;

/** The Electron channel the shell sends pushes on (`webContents.send`); the preload listens to it and nothing else. */
export const PUSH_CHANNEL = 'greentill:push';

/** The headless host's push stream (Server-Sent Events, the same bearer token as the commands). */
export const PUSH_STREAM_PATH = '/events';
