import { describe } from 'vitest';
import { openStoreDatabase } from '../../src/store-server/db/open';
import { migrationDisciplineCases } from '../support/server-migrations';
import { storeMigrations } from './support';

describe('the store database’s migrations', () => {
  migrationDisciplineCases('store', openStoreDatabase, storeMigrations);
});
