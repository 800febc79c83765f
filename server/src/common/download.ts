import { StreamableFile } from '@nestjs/common';
import { PassThrough, type Writable } from 'node:stream';

/**
 * File answers (letters, calendars, spreadsheets) go out as StreamableFile, so the framework sets the headers and
 * the usual response hooks (security headers, no-store) still apply, instead of each handler writing the raw response.
 */
export function download(body: Buffer | string, type: string, disposition?: string): StreamableFile {
  return new StreamableFile(typeof body === 'string' ? Buffer.from(body) : body, { type, disposition });
}

/**
 * A file written as it is produced (an export of a whole subtree is never held in memory). A failure part-way
 * aborts the response, so a client never mistakes a truncated file for a complete one.
 */
export function streamDownload(write: (out: Writable) => Promise<void>, type: string, disposition: string): StreamableFile {
  const out = new PassThrough();
  write(out).catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return new StreamableFile(out, { type, disposition });
}
