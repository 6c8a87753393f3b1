import type { GreentillBridge } from '../shared/bridge';
import type { Result } from '../shared/errors';

/**
 * The headless host's client: each command is a POST to the same origin
 * with the run's token. Network failures become readable errors, not throws.
 */
export function httpBridge(token: string, fetchImpl: typeof fetch = fetch): GreentillBridge {
  const invoke = async (name: string, input: unknown): Promise<Result<unknown>> => {
    try {
      const response = await fetchImpl(`/ipc/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'HOST_UNREACHABLE', message: 'The register host is not answering. Check that it is running.' } };
    }
  };
  return { invoke } as GreentillBridge;
}
