import { useEffect, useRef } from 'react';
import { send } from '../transport';
import { onPushOrHello, usePushStream } from '../pushes';
import { useSession } from '../state/session-store';
import type { ScanKind } from '../state/scan-store';

const RETRY_MS = 5_000;

type Taken = 'scan' | 'none' | 'ended' | 'failed';

/**
 * While someone is signed in, hands a scan from a background scanner (HID
 * POS, serial, simulated) to the screen through `scanner-next`, so it goes
 * through the registry's session check like every command (a register that
 * locked itself does not hand a licence to an empty screen). With the core's
 * pushes up (issue #19) it asks only when told a scan arrived (and at each
 * stream hello), without waiting; without them it long-polls as before. Each
 * answer's cursor goes back with the next ask, so no scan is lost between
 * two. Neither way keeps an idle register unlocked (the command is passive).
 */
export function useHardwareScans(signedIn: boolean, onScan: (data: string, kind: ScanKind) => void): void {
  const handler = useRef(onScan);
  handler.current = onScan;
  const pushed = usePushStream((s) => s.up);
  useEffect(() => {
    if (!signedIn) return;
    let stopped = false;
    let cursor: number | undefined;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        retry = setTimeout(resolve, ms);
      });
    const take = async (waitMs?: number): Promise<Taken> => {
      const result = await send('scanner-next', { ...(cursor === undefined ? {} : { after: cursor }), ...(waitMs === undefined ? {} : { waitMs }) });
      if (stopped) return 'ended';
      if (!result.ok) {
        // The register locked itself (or someone signed out elsewhere): show the lock screen; scans end with the session.
        if (result.error.code === 'SESSION_LOCKED' || result.error.code === 'SIGNED_OUT') {
          await useSession.getState().load();
          return 'ended';
        }
        return 'failed';
      }
      cursor = result.value.cursor;
      if (!('data' in result.value)) return 'none';
      handler.current(result.value.data, result.value.kind);
      return 'scan';
    };

    if (pushed) {
      // Told a scan came: take every waiting one, without waiting for more; a push during a take asks once more after.
      let taking = false;
      let again = false;
      const takeWaiting = async (): Promise<void> => {
        if (taking) {
          again = true;
          return;
        }
        taking = true;
        do {
          again = false;
          while (!stopped && (await take(0)) === 'scan');
        } while (again && !stopped);
        taking = false;
      };
      const stopHearing = onPushOrHello('scan-arrived', () => void takeWaiting());
      // The first ask sets the cursor (scans from now on).
      void takeWaiting();
      return () => {
        stopped = true;
        stopHearing();
      };
    }

    const loop = async (): Promise<void> => {
      while (!stopped) {
        const taken = await take();
        if (taken === 'ended') return;
        if (taken === 'failed') await pause(RETRY_MS);
      }
    };
    void loop();
    return () => {
      stopped = true;
      if (retry !== null) clearTimeout(retry);
    };
  }, [signedIn, pushed]);
}
