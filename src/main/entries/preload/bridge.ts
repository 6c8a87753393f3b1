import type { GreentillBridge } from '../../../shared/bridge';
import { channelFor, isCommandName } from '../../../shared/contract';
import { PUSH_CHANNEL } from '../../../shared/contract/pushes';
import { fail, type Result } from '../../../shared/errors';

/** The one thing the preload may use of `ipcRenderer` to call the core. */
export type InvokeChannel = (channel: string, payload: unknown) => Promise<unknown>;
/** Listens on one channel (ipcRenderer.on without its event object); returns how to stop. */
export type ListenChannel = (channel: string, listener: (payload: unknown) => void) => () => void;

/**
 * Builds the object the preload exposes: a frozen `invoke` that reaches only
 * the contract's channels, and `subscribe` that hears only the push channel
 * (its payload, never the IPC event with its sender). `ipcRenderer` itself
 * never crosses the bridge.
 */
export function buildBridge(invokeChannel: InvokeChannel, listenChannel?: ListenChannel): GreentillBridge {
  const invoke = async (name: string, input: unknown): Promise<Result<unknown>> => {
    if (!isCommandName(name)) return fail({ code: 'UNKNOWN_COMMAND', message: `The register has no command "${String(name)}".` });
    return (await invokeChannel(channelFor(name), input)) as Result<unknown>;
  };
  if (listenChannel === undefined) return Object.freeze({ invoke }) as GreentillBridge;
  const subscribe = (listener: (event: unknown) => void, onStream?: (up: boolean) => void): (() => void) => {
    const stop = listenChannel(PUSH_CHANNEL, (payload) => listener(payload));
    // The window's channel is up as long as the window is: the main process restarts the core behind it.
    onStream?.(true);
    return stop;
  };
  return Object.freeze({ invoke, subscribe }) as GreentillBridge;
}
