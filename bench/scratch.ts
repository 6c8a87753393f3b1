import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from './generate';

/** A throw-away copy of a cached database, so a figure can write without spoiling the cache. */
export function copyToScratch(source: string, name: string): string {
  const dir = join(dataDir, 'scratch');
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `${name}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  copyFileSync(source, target);
  return target;
}
