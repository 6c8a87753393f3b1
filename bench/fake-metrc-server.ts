/**
 * The fake Metrc in its own process, so the replay benchmark's event-loop
 * figure is the register's alone. Prints its URL, serves until killed.
 */
import { startFakeMetrc } from '../test/support/fake-metrc';

const latencyMs = Number(process.argv[2] ?? '0');
const server = await startFakeMetrc({ vendorKey: 'bench-vendor-key', userKey: 'bench-user-key', licenseNumber: 'C10-0000786-LIC', latencyMs });
process.stdout.write(`${server.url}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
