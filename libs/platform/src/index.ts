// Each module is also importable on its own path (e.g. '@crm/platform/errors'); this barrel is for convenience.
export * from './errors';
export * from './config';
export * from './logging';
export * from './db';
