import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster from Debian's `postgresql` package, in a
 * temp directory, on a loopback port: initialised and run as an
 * unprivileged user (PostgreSQL refuses to run as root, and CI runs as
 * root), stopped and removed by `stop`. Logical replication is on, so the
 * same cluster serves the read stream's tests.
 */
export interface TestPostgres {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** A fresh database in the cluster, for one test's isolation. */
  createDatabase(name: string): Promise<string>;
  /** `pg_ctl stop -m immediate`: the crash of every PostgreSQL process (the OS keeps its page cache). */
  crash(): void;
  start(): void;
  stop(): void;
}

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

function pgBin(name: string): string {
  for (const dir of BIN_DIRS) if (existsSync(join(dir, name))) return join(dir, name);
  throw new Error(`PostgreSQL's ${name} was not found (install Debian's postgresql package: .ci/system-packages).`);
}

const isRoot = process.getuid?.() === 0;
/** The unprivileged account the cluster runs as when the tests run as root. */
const RUN_AS = { user: 'nobody', uid: 65534, gid: 65534 };

function runAsOwner(bin: string, args: readonly string[]): void {
  const [cmd, argv] = isRoot ? ['runuser', ['-u', RUN_AS.user, '--', bin, ...args]] : [bin, args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8', cwd: '/' });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const root = mkdtempSync(join(tmpdir(), 'greentill-pg-'));
  const dataDir = join(root, 'data');
  const socketDir = root;
  if (isRoot) {
    chmodSync(root, 0o755);
    chownSync(root, RUN_AS.uid, RUN_AS.gid);
  }
  // Trust on loopback only: a test cluster with no secrets, reachable by nobody else.
  runAsOwner(pgBin('initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  writeFileSync(
    join(dataDir, 'postgresql.auto.conf'),
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${socketDir}'`,
      'wal_level = logical',
      'max_replication_slots = 20',
      'max_wal_senders = 20',
      "max_slot_wal_keep_size = '256MB'",
      'max_connections = 200',
      // Speed on a 2-core machine: the OS never crashes under a test, so skipping fsync loses nothing.
      // synchronous_commit stays on (the default): with it off, a crash of PostgreSQL itself
      // (stop -m immediate) loses acknowledged commits — the rig caught exactly that.
      'fsync = off',
      'full_page_writes = off',
      "shared_buffers = '64MB'",
      '',
    ].join('\n'),
  );
  if (isRoot) execFileSync('chown', ['-R', `${RUN_AS.uid}:${RUN_AS.gid}`, dataDir]);
  const pgCtl = pgBin('pg_ctl');
  const logFile = join(root, 'postgres.log');
  const start = () => runAsOwner(pgCtl, ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
  start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    dataDir,
    async createDatabase(name: string) {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    crash: () => runAsOwner(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']),
    start,
    stop() {
      try {
        runAsOwner(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } catch {
        // Already stopped (a crash test): the directory still goes.
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
