import { afterAll, afterEach, beforeAll } from 'vitest';
import { startTestStore } from '../store-server/support';
import { startTestPostgres, type TestPostgres } from './postgres';
import { storeRegister, type StoreRegister } from './store-register';

type TestStore = Awaited<ReturnType<typeof startTestStore>>;

/**
 * A store rig's life in a test file: one throwaway PostgreSQL cluster for
 * the file, and after each test its registers closed, then its store server
 * disposed (its registers' replication slots with it).
 */
export function useStoreRig() {
  let pg: TestPostgres | undefined;
  let store: TestStore | undefined;
  const registers: StoreRegister[] = [];
  beforeAll(async () => {
    pg = await startTestPostgres();
  });
  afterAll(() => pg?.stop());
  afterEach(async () => {
    for (const r of registers.splice(0)) await r.close();
    await store?.dispose();
    store = undefined;
  });
  const running = (): TestStore => {
    if (store === undefined) throw new Error('start the store server first');
    return store;
  };
  return {
    registers,
    async startStore(options: Parameters<typeof startTestStore>[1]): Promise<TestStore> {
      if (pg === undefined) throw new Error('PostgreSQL is not up');
      store = await startTestStore(pg, options);
      return store;
    },
    store: running,
    /** A register of the running store, closed after the test. */
    async register(options: Parameters<typeof storeRegister>[1]): Promise<StoreRegister> {
      const r = await storeRegister(running(), options);
      registers.push(r);
      return r;
    },
  };
}
