import { newTraceContext } from '../../graphql/traceparent';
import { traceXhr } from '../../graphql/traced-fetch';

/** Upload and download of ticket files through the gateway's routes, with the caller's bearer token. */

/** What the gateway answers for a refused upload: its status names the rule. */
export class AttachmentTransferError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The request's trace id, for the user to quote. */
    readonly reference: string,
  ) {
    super(message);
  }
}

/** Sends the file as the raw body (no multipart), reporting progress from 0 to 100. */
export function uploadAttachment(
  ticketId: string,
  file: File,
  token: string,
  onProgress: (percent: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/tickets/${encodeURIComponent(ticketId)}/attachments`);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    const reference = traceXhr(xhr);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? resolve()
        : reject(new AttachmentTransferError(xhr.status, errorMessageOf(xhr.responseText), reference));
    xhr.onerror = () => reject(new AttachmentTransferError(0, 'network', reference));
    xhr.send(file);
  });
}

function errorMessageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: { message?: string }[] };
    return parsed.errors?.[0]?.message ?? body;
  } catch {
    return body;
  }
}

/** Fetches the file with the token and hands it to the browser as a download under its own name. */
export async function downloadAttachment(downloadPath: string, fileName: string, token: string): Promise<void> {
  const trace = newTraceContext();
  const headers = { authorization: `Bearer ${token}`, traceparent: trace.traceparent };
  const response = await fetch(downloadPath, { headers }).catch(() => {
    throw new AttachmentTransferError(0, 'network', trace.traceId);
  });
  if (!response.ok)
    throw new AttachmentTransferError(response.status, errorMessageOf(await response.text()), trace.traceId);
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
