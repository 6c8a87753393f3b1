import type { GreentillBridge } from '../../../shared/bridge';
import { channelFor, isCommandName } from '../../../shared/contract';
import { fail, type Result } from '../../../shared/errors';

/** The one thing the preload may use of `ipcRenderer`. */
export type InvokeChannel = (channel: string, payload: unknown) => Promise<unknown>;

/**
 * Builds the object the preload exposes: a frozen `invoke` that reaches only
 * the contract's channels. `ipcRenderer` itself never crosses the bridge.
 */
export function buildBridge(invokeChannel: InvokeChannel): GreentillBridge {
  const invoke = async (name: string, input: unknown): Promise<Result<unknown>> => {
    if (!isCommandName(name)) return fail({ code: 'UNKNOWN_COMMAND', message: `The register has no command "${String(name)}".` });
    return (await invokeChannel(channelFor(name), input)) as Result<unknown>;
  };
  return Object.freeze({ invoke }) as GreentillBridge;
}
