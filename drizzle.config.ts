import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/main/platform/db/schema/index.ts',
  out: './migrations',
});
