// The whole schema, one module per area; drizzle-kit generates migrations from this file.
export * from './clients.ts';
export * from './followup.ts';
export * from './imports.ts';
export * from './referrals.ts';
export * from './surveys.ts';
export * from './system.ts';
export * from './workspace.ts';
