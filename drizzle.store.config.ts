import { defineConfig } from 'drizzle-kit';

/** The store server's schema (PostgreSQL): its own migrations, under the terminal's discipline. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store-server/db/schema.ts',
  out: './migrations-store',
});
