import { findMigrationsFolder } from '../src/main/platform/config/paths';
import { openDatabase } from '../src/main/platform/db/open';
import { createCore } from '../src/main/core/create-core';
import { benchPiiKeys } from './generate';
import { signInBudtender } from './session';

/**
 * Run in a fresh process: cold open of the register database (pragmas and
 * migration check) and the core built on it, then resident memory. Prints JSON.
 */
const path = process.argv[2];
if (path === undefined) throw new Error('usage: child-cold-open <db>');
const rssBefore = process.memoryUsage().rss;
const start = process.hrtime.bigint();
const database = openDatabase({ path, migrationsFolder: findMigrationsFolder() });
const core = createCore({ database, piiKeys: benchPiiKeys });
const openMs = Number(process.hrtime.bigint() - start) / 1e6;
// A first real query, as the register does once someone has signed in (signed out, the core would only refuse it).
await signInBudtender(core);
const firstQuery = process.hrtime.bigint();
const answer = await core.send('catalog-search', { text: '', limit: 50 });
const firstQueryMs = Number(process.hrtime.bigint() - firstQuery) / 1e6;
if (!answer.ok) throw new Error(`the first query was refused: ${answer.error.message}`);
const rss = process.memoryUsage().rss;
database.close();
process.stdout.write(`${JSON.stringify({ openMs, firstQueryMs, rssMb: rss / 1048576, rssBeforeMb: rssBefore / 1048576 })}\n`);
