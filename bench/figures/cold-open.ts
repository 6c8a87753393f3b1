import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from '../result';
import { summarize } from '../stats';

interface ChildAnswer {
  readonly openMs: number;
  readonly firstQueryMs: number;
  readonly rssMb: number;
  readonly rssBeforeMb: number;
}

/** Asks the kernel to drop the page cache so an open is really cold; as root only. */
function dropPageCache(): boolean {
  try {
    execFileSync('sync');
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    return true;
  } catch {
    return false;
  }
}

/**
 * Figures 5 and 6: cold open of a large database including the migration
 * check, each in a fresh process; resident memory of that process with the
 * core built and a first query served.
 */
export function coldOpenAndMemory(path: string, bytes: number, runs: number): Figure[] {
  const answers: ChildAnswer[] = [];
  let cold = true;
  for (let i = 0; i < runs; i += 1) {
    cold = dropPageCache() && cold;
    const out = execFileSync(
      join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx'),
      [join(import.meta.dirname, '..', 'child-cold-open.ts'), path],
      {
        encoding: 'utf8',
        env: { ...process.env, GREENTILL_LOG_LEVEL: 'silent' },
      },
    );
    answers.push(JSON.parse(out) as ChildAnswer);
  }
  const dataSize = { databaseBytes: bytes, databaseMiB: Math.round(bytes / 1048576) };
  return [
    {
      id: 'cold_open',
      title: `Cold open of the database incl. migration check (${cold ? 'page cache dropped' : 'page cache NOT dropped: not root'})`,
      unit: 'ms',
      ...summarize(answers.map((a) => a.openMs)),
      dataSize,
      extra: { firstQueryP50Ms: summarize(answers.map((a) => a.firstQueryMs)).p50 },
    },
    {
      id: 'resident_memory',
      title: 'Resident memory of the main-process core with the database open',
      unit: 'MiB',
      ...summarize(answers.map((a) => a.rssMb)),
      dataSize,
      extra: { nodeBaselineMiB: Math.round(summarize(answers.map((a) => a.rssBeforeMb)).p50) },
    },
  ];
}
