import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli';

/**
 * The relay's container image (issue #21) cannot be built here (no container
 * runtime): this checks the Dockerfile against the repository instead — it
 * starts the file `npm run start:relay` starts, with tsx, as PID 1's own
 * process; listens where it says it does; and ships the relay's migrations.
 */
const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
const instruction = (name: string) =>
  dockerfile
    .split('\n')
    .filter((l) => l.startsWith(`${name} `))
    .map((l) => l.slice(name.length + 1).trim());

describe('the relay’s Dockerfile', () => {
  it('starts what `npm run start:relay` starts', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const [runner, entry] = (pkg.scripts['start:relay'] ?? '').split(' ');
    expect(runner).toBe('tsx');
    const cmd = instruction('CMD');
    expect(cmd).toHaveLength(1);
    expect(JSON.parse(cmd[0]!)).toEqual(['node', '--import', 'tsx', entry]);
  });

  it('listens on the port it exposes and keeps its backups on a volume', () => {
    expect(instruction('EXPOSE')).toEqual(['8080']);
    expect(dockerfile).toContain('GREENTILL_RELAY_LISTEN=0.0.0.0:8080');
    expect(instruction('VOLUME')).toEqual(['["/var/lib/greentill-relay"]']);
    expect(dockerfile).toContain('GREENTILL_RELAY_DATA=/var/lib/greentill-relay');
  });

  it('ships the relay’s migrations and pg_dump, and runs as an unprivileged user', () => {
    expect(instruction('COPY')).toContain('migrations-relay ./migrations-relay');
    expect(dockerfile).toMatch(/postgresql-client-\$\{PG_MAJOR\}/);
    expect(instruction('USER')).toEqual(['node']);
  });
});
