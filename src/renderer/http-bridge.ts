import { CORE_GENERATION_HEADER, type GreentillBridge } from '../shared/bridge';
import type { Result } from '../shared/errors';
import { pushStream } from './push-stream';

export interface HttpBridgeOptions {
  readonly fetchImpl?: typeof fetch;
  /** Called with the core generation each answer carries (the host's count of core restarts), when it carries one. */
  readonly onCoreGeneration?: (generation: number) => void;
}

/**
 * The headless host's client: each command is a POST to the same origin
 * with the run's token; the core's pushes come on the host's event stream. Network failures become readable errors, not throws.
 */
export function httpBridge(token: string, { fetchImpl = fetch, onCoreGeneration }: HttpBridgeOptions = {}): GreentillBridge {
  const subscribe = (listener: (event: unknown) => void, onStream: (up: boolean) => void = () => undefined) =>
    pushStream(token, listener, onStream, { fetchImpl });
  const invoke = async (name: string, input: unknown): Promise<Result<unknown>> => {
    try {
      const response = await fetchImpl(`/ipc/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      const result = (await response.json()) as Result<unknown>;
      const generation = Number(response.headers.get(CORE_GENERATION_HEADER) ?? Number.NaN);
      if (Number.isInteger(generation)) onCoreGeneration?.(generation);
      return result;
    } catch {
      return { ok: false, error: { code: 'HOST_UNREACHABLE', message: 'The register host is not answering. Check that it is running.' } };
    }
  };
  return { invoke, subscribe } as GreentillBridge;
}
