import { BRIDGE_GLOBAL, type GreentillBridge } from '../shared/bridge';
import { coreGenerationWatcher } from './core-generation';
import { httpBridge } from './http-bridge';
import { pushStreamUp, receivePush } from './pushes';
import { reconnectingSend } from './reconnecting-send';
import { useConnection } from './state/connection-store';

const TOKEN_KEY = 'greentill.hostToken';

/** The core was started again (an answer's count, a stream's hello, the host's push), whether or not a command saw it go. */
const generation = coreGenerationWatcher(() => useConnection.getState().restartSeen());

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
  return httpBridge(sessionStorage.getItem(TOKEN_KEY) ?? '', { onCoreGeneration: generation.seen });
}

const bridge = pickBridge();

/** Every command the page sends; the core being away shows as "reconnecting" (see `reconnecting-send.ts`). */
export const send = reconnectingSend(bridge, () => useConnection.getState());

// The core's pushes for the life of the page (a bridge without them leaves the screens polling).
bridge.subscribe?.((event) => receivePush(event, generation), pushStreamUp);
