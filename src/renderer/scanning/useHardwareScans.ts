import { useEffect, useRef } from 'react';
import { send } from '../transport';
import { useSession } from '../state/session-store';
import type { ScanKind } from '../state/scan-store';

const RETRY_MS = 5_000;

/**
 * While someone is signed in, long-polls `scanner-next` so a scan from a
 * background scanner (HID POS, serial, simulated) reaches the screen over
 * the same request/response contract as everything else. Each answer's
 * cursor goes back with the next poll, so a scan made between two polls is
 * not lost. The poll is passive: it never keeps an idle register unlocked.
 */
export function useHardwareScans(signedIn: boolean, onScan: (data: string, kind: ScanKind) => void): void {
  const handler = useRef(onScan);
  handler.current = onScan;
  useEffect(() => {
    if (!signedIn) return;
    let stopped = false;
    let cursor: number | undefined;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        retry = setTimeout(resolve, ms);
      });
    const loop = async (): Promise<void> => {
      while (!stopped) {
        const result = await send('scanner-next', cursor === undefined ? {} : { after: cursor });
        if (stopped) return;
        if (!result.ok) {
          // The register locked itself (or someone signed out elsewhere): show the lock screen; this poll ends with the session.
          if (result.error.code === 'SESSION_LOCKED' || result.error.code === 'SIGNED_OUT') {
            await useSession.getState().load();
            return;
          }
          await pause(RETRY_MS);
          continue;
        }
        cursor = result.value.cursor;
        if ('data' in result.value) handler.current(result.value.data, result.value.kind);
      }
    };
    void loop();
    return () => {
      stopped = true;
      if (retry !== null) clearTimeout(retry);
    };
  }, [signedIn]);
}
