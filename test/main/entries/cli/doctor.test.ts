import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_STORE_ID } from '../../../../src/main/features/demo/seed';
import { saveMetrcSettings } from '../../../../src/main/features/sync/metrc-settings';
import { supportKeySource } from '../../../../src/main/entries/cli/key-option';
import { openDatabase } from '../../../../src/main/platform/db/open';
import { derivePiiKeys } from '../../../../src/main/platform/security/pii-crypto';
import { spawnCliAsync } from '../../../support/cli';
import { startFakeMetrc, type FakeMetrc } from '../../../support/fake-metrc';
import { testMetrcCredentials } from '../../../support/metrc-lane';
import { keyedDemoFile, migrationsFolder, tempDir } from '../../../support/temp-db';

let dir: ReturnType<typeof tempDir>;
let metrc: FakeMetrc;
let path: string;

beforeEach(async () => {
  dir = tempDir();
  metrc = await startFakeMetrc(testMetrcCredentials);
  path = await keyedDemoFile(dir.path);
});
afterEach(async () => {
  await metrc.close();
  dir.cleanup();
});

/** Saves the Metrc connection the way the register does, sealed with the support key file's data key. */
async function connectMetrc(): Promise<void> {
  const master = await supportKeySource(path).getMasterKey();
  const keys = derivePiiKeys(master);
  const database = openDatabase({ path, migrationsFolder });
  try {
    saveMetrcSettings(database.db, keys, DEMO_STORE_ID, { baseUrl: metrc.url, apiVersion: 'v2', enabled: true, ...testMetrcCredentials }, null, new Date());
  } finally {
    database.close();
  }
}

interface DoctorOutput {
  overall: string;
  items: Array<{ id: string; status: string; fix: string }>;
}

describe('npm run -s cli -- doctor', () => {
  it('prints the opening check as JSON and exits 2 while a line is red (Metrc not set up)', async () => {
    const result = await spawnCliAsync(['doctor', '--db', path]);
    expect(result.status).toBe(2);
    const out = JSON.parse(result.stdout) as DoctorOutput;
    expect(out.overall).toBe('red');
    expect(out.items.find((i) => i.id === 'metrc_connection')?.status).toBe('red');
    expect(out.items).toHaveLength(12);
  }, 60_000);

  it('exits 0 when nothing is red, and 2 again once Metrc stops answering', async () => {
    await connectMetrc();
    const up = await spawnCliAsync(['doctor', '--db', path]);
    const upOut = JSON.parse(up.stdout) as DoctorOutput;
    expect(upOut.items.filter((i) => i.status === 'red')).toEqual([]);
    expect(up.status).toBe(0);
    expect(upOut.items.find((i) => i.id === 'metrc_connection')?.status).toBe('green');
    // The command line does not open the ports: devices are left to the register, said as much.
    expect(upOut.items.find((i) => i.id === 'devices')?.status).toBe('amber');
    await metrc.stop();
    const down = await spawnCliAsync(['doctor', '--db', path, '--metrc-timeout-ms', '2000']);
    expect(down.status).toBe(2);
    expect((JSON.parse(down.stdout) as DoctorOutput).items.find((i) => i.id === 'metrc_connection')?.status).toBe('red');
  }, 90_000);

  it('refuses a database that is not there', async () => {
    const result = await spawnCliAsync(['doctor', '--db', `${dir.path}/nope.sqlite`]);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'DATABASE_NOT_FOUND' } });
  }, 60_000);
});
