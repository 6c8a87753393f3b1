import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channelFor, commandNames } from '../../../shared/contract';
import { fail } from '../../../shared/errors';
import type { Invoke } from '../../core/registry';
import { logger } from '../../platform/logging/logger';

/**
 * Registers one `ipcMain.handle` per contract command. A call is served only
 * from the register's own page in its main frame; anything else (a frame we
 * did not load, a navigated page) is refused.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, invoke: Invoke, isAppUrl: (url: string) => boolean): void {
  for (const name of commandNames) {
    ipcMain.handle(channelFor(name), async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event, isAppUrl)) {
        logger.warn({ command: name, url: event.senderFrame?.url }, 'IPC call from an untrusted frame refused');
        return fail({ code: 'FORBIDDEN', message: 'This window may not use the register.' });
      }
      return invoke(name, input);
    });
  }
}

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>, isAppUrl: (url: string) => boolean): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined) return false;
  return frame === event.sender.mainFrame && isAppUrl(frame.url);
}
