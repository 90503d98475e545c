import { traceXhr } from '../../graphql/traced-fetch';
import type { CsvEncoding } from './csv-file';
import type { ImportPolicy, ImportReport as PlatformImportReport } from '@crm/platform/csv-import';
import type { ImportKind } from './import-fields';

// The report's type is the platform's own (a type-only import: nothing of the server reaches the bundle).
export type { ImportPolicy } from '@crm/platform/csv-import';

/** One row of an account import that matched an existing account (services/customer import/account-import.ts). */
export interface ImportRowMatch {
  row: number;
  accountId: string;
  accountName: string;
  matchedOn: 'tax_id' | 'email' | 'phone' | 'name';
  outcome: 'skipped' | 'updated' | 'unchanged' | 'refused' | 'repeated';
}

/** The platform's report; account imports add the rows that matched an account. */
export type ImportReport = PlatformImportReport & { matches?: ImportRowMatch[]; matchesTruncated?: boolean };

/** A refused import request: the HTTP status and the service's message (naming the field and rule). */
export class ImportRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The request's trace id, for the user to quote. */
    readonly reference: string,
  ) {
    super(message);
  }
}

export interface ImportRequest {
  kind: ImportKind;
  body: Blob;
  dryRun: boolean;
  policy: ImportPolicy;
  encoding: CsvEncoding;
  token: string;
  /** Bytes sent so far of the total (XHR upload progress: fetch has none). */
  onUpload?(sent: number, total: number): void;
}

/** Sends a CSV file to the import route through the portal's origin; resolves with the report. */
export function sendImport(request: ImportRequest): { done: Promise<ImportReport>; abort(): void } {
  const xhr = new XMLHttpRequest();
  const query = new URLSearchParams({
    dryRun: String(request.dryRun),
    policy: request.policy,
    encoding: request.encoding,
  });
  const done = new Promise<ImportReport>((resolve, reject) => {
    xhr.open('POST', `/imports/${request.kind}?${query.toString()}`);
    xhr.setRequestHeader('authorization', `Bearer ${request.token}`);
    const reference = traceXhr(xhr);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.upload.onprogress = (event) => request.onUpload?.(event.loaded, event.total);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(JSON.parse(xhr.responseText) as ImportReport);
        return;
      }
      reject(new ImportRequestError(xhr.status, errorMessage(xhr.responseText), reference));
    };
    xhr.onerror = () => reject(new ImportRequestError(0, 'network', reference));
    xhr.onabort = () => reject(new ImportRequestError(0, 'aborted', reference));
    xhr.send(request.body);
  });
  return { done, abort: () => xhr.abort() };
}

function errorMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; error?: { message?: unknown } };
    const message = parsed.error?.message ?? parsed.message;
    return typeof message === 'string' ? message : body;
  } catch {
    return body;
  }
}
