import { BRIDGE_GLOBAL, type GreentillBridge } from '../shared/bridge';
import type { CommandInput, CommandName, CommandOutput } from '../shared/contract';
import type { Result } from '../shared/errors';
import { httpBridge } from './http-bridge';

const TOKEN_KEY = 'greentill.hostToken';

/**
 * The one place the renderer picks how to reach the core: the Electron
 * preload's bridge when present, otherwise the headless host with the token
 * from the URL fragment (kept for reloads, then removed from the address bar).
 */
function pickBridge(): GreentillBridge {
  const exposed = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] as GreentillBridge | undefined;
  if (exposed !== undefined) return exposed;
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash !== null) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname);
  }
  return httpBridge(sessionStorage.getItem(TOKEN_KEY) ?? '');
}

const bridge = pickBridge();

export function send<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Result<CommandOutput<N>>> {
  return bridge.invoke(name, input);
}
