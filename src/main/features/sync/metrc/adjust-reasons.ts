import { z } from 'zod';
import type { MetrcApiVersion } from '../../../../metrc/adapter';
import { getWithRetry, parse } from './active-packages';
import type { MetrcHttp } from '../../../../metrc/http';
import { metrcReadError } from './read-error';

export interface AdjustReason {
  readonly name: string;
  readonly requiresNote: boolean;
}

const reason = z.object({ Name: z.string().min(1), RequiresNote: z.boolean().nullish() });

/** The facility's adjustment reasons (`GET /packages/{v}/adjust/reasons`): they differ by state, so they are read, never hard-coded. */
export async function fetchAdjustReasons(http: MetrcHttp, version: MetrcApiVersion): Promise<AdjustReason[]> {
  try {
    const answer = await getWithRetry(http, `/packages/${version}/adjust/reasons`, {}, [500, 1_500]);
    const rows = Array.isArray(answer.body)
      ? parse(z.array(reason), answer, 'GET adjust/reasons')
      : parse(z.object({ Data: z.array(reason) }), answer, 'GET adjust/reasons').Data;
    return rows.map((r) => ({ name: r.Name, requiresNote: r.RequiresNote === true }));
  } catch (error) {
    throw metrcReadError(error);
  }
}
