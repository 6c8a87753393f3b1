/** Schema v1 of the register's database. Migrations are generated from this by drizzle-kit. */
export * from './store';
export * from './catalog';
export * from './customers';
export * from './sales';
export * from './outbox';
export * from './audit';
export * from './devices';
export * from './checkout';
export * from './drawer';
export * from './check-in';
export * from './limit-ledger';
export * from './approvals';
export * from './care';
export * from './loyalty';
export * from './quality';
export * from './lab';
