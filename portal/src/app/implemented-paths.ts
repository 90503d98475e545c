/** The main pages that exist (the menu shows only these): each page's route module adds its path here. */
export const IMPLEMENTED_PATHS: ReadonlySet<string> = new Set([
  '/',
  '/accounts',
  '/leads',
  '/pipeline',
  '/forecast',
  '/tickets',
  '/audit',
  '/admin',
  '/import',
]);
