// The report's home is the platform's CSV import; kept here so the customer's import tests read it where they did.
export type { ImportOptions, ImportReport } from '@crm/platform/csv-import';
