import { defineConfig } from 'drizzle-kit';

/** The order relay's schema (PostgreSQL, issue #21): its own migrations, under the terminal's discipline. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/relay/db/schema.ts',
  out: './migrations-relay',
});
