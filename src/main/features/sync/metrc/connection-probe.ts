import { AppError } from '../../../../shared/errors';
import type { MetrcApiVersion } from '../../../../metrc/adapter';
import type { MetrcHttp } from '../../../../metrc/http';
import { metrcReadError } from './read-error';

export interface MetrcProbe {
  /** Metrc's clock from its `Date` header (null when it sent none). */
  readonly serverDate: Date | null;
  /** Our clock halfway through the request: what the server's clock is compared with. */
  readonly localMidpoint: Date;
  readonly roundTripMs: number;
}

/**
 * One cheap licence-scoped GET (the facility's adjustment reasons): it
 * proves the address answers, the vendor and user keys are accepted, and the
 * licence belongs to them (Metrc answers 401 for a licence the keys do not
 * hold). Fails with the read errors' `AppError` codes (METRC_UNAUTHORIZED,
 * METRC_UNREACHABLE, …).
 */
export async function probeMetrc(http: MetrcHttp, version: MetrcApiVersion, clock: () => Date = () => new Date()): Promise<MetrcProbe> {
  const started = clock().getTime();
  let answer;
  try {
    answer = await http.get(`/packages/${version}/adjust/reasons`);
  } catch (error) {
    throw metrcReadError(error);
  }
  const ended = clock().getTime();
  if (answer.status === 404)
    throw new AppError('METRC_UNEXPECTED_ANSWER', 'Metrc answered 404 at its own address: check the Metrc address (base URL) on the Sync screen.');
  return { serverDate: answer.serverDate ?? null, localMidpoint: new Date((started + ended) / 2), roundTripMs: ended - started };
}
