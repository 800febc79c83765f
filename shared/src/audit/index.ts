// The audit log's contract on its own: the web's audit screen imports it as `@zhdj/shared/audit` so that these words
// (every audited action in Chinese) stay out of the contract's chunk that member screens load (web/vite.config.ts).
export * from './audit';
export * from './audit-detail';
export * from './audit-labels';
export * from './audit-labels.en';
