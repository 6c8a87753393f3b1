import type { z } from 'zod';
import { cartCommands } from './cart';
import { catalogCommands } from './catalog';
import { customerCommands } from './customers';
import { sessionCommands } from './session';
import { staffRosterCommands } from './staff-roster';
import { drawerCommands } from './drawer';
import { salesCommands } from './sales';
import { reportCommands } from './reports';
import { complianceSettingsCommands } from './compliance-settings';
import { checkInCommands } from './check-in';
import { complianceFlagCommands } from './compliance-flags';
import { storeCommands } from './store';
import { syncCommands } from './sync';
import { deviceCommands } from './devices';
import { taxCommands } from './taxes';
import { storeLinkCommands } from './store-link';
import { openingCheckCommands } from './opening-check';
import { itIncidentCommands } from './it-incidents';
import { receivingCommands } from './receiving';
import { countCommands } from './counts';
import { careCommands } from './care';
import { loyaltyCommands } from './loyalty';
import { qualityCommands } from './quality';
import { labCommands } from './lab';
import { onlineOrderCommands } from './online-orders';
import { notificationCommands } from './notifications';
import { staffAlertCommands } from './staff-alerts';
import { customerProfileCommands } from './customer-profile';
import { storeThresholdCommands } from './store-thresholds';

/**
 * The IPC contract: every command the renderer may call, declared once.
 * The main process registers one handler per entry; the preload and the
 * headless host expose exactly these names and nothing else.
 */
export const contract = {
  ...storeCommands,
  ...sessionCommands,
  ...staffRosterCommands,
  ...catalogCommands,
  ...customerCommands,
  ...cartCommands,
  ...salesCommands,
  ...drawerCommands,
  ...reportCommands,
  ...complianceSettingsCommands,
  ...checkInCommands,
  ...complianceFlagCommands,
  ...syncCommands,
  ...deviceCommands,
  ...taxCommands,
  ...storeLinkCommands,
  ...openingCheckCommands,
  ...itIncidentCommands,
  ...receivingCommands,
  ...countCommands,
  ...careCommands,
  ...loyaltyCommands,
  ...qualityCommands,
  ...labCommands,
  ...onlineOrderCommands,
  ...notificationCommands,
  ...staffAlertCommands,
  ...customerProfileCommands,
  ...storeThresholdCommands,
} as const;

export type Contract = typeof contract;
export type CommandName = keyof Contract;
/** What the caller sends (defaults may be omitted). */
export type CommandInput<N extends CommandName> = z.input<Contract[N]['input']>;
/** What a handler receives, after validation and defaults. */
export type ValidInput<N extends CommandName> = z.output<Contract[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<Contract[N]['output']>;

export const commandNames = Object.keys(contract) as CommandName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** The Electron IPC channel of a command. */
export function channelFor(name: CommandName): string {
  return `greentill:${name}`;
}
