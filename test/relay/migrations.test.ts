import { describe } from 'vitest';
import { openRelayDatabase } from '../../src/relay/db/open';
import { migrationDisciplineCases } from '../support/server-migrations';
import { relayMigrations } from './support';

describe('the relay database’s migrations', () => {
  migrationDisciplineCases('relay', openRelayDatabase, relayMigrations);
});
