import { Logger, StreamableFile } from '@nestjs/common';
import { PassThrough, type Writable } from 'node:stream';

const logger = new Logger('Downloads');

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A download's Content-Disposition: the Chinese file name (RFC 5987 `filename*`, which every current browser reads)
 * and a plain ASCII one for clients that only know `filename`.
 */
export const attachment = (name: string, ascii: string): string => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

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
  write(out).catch((e: unknown) => {
    // The status line has gone out by now, so the error filter never sees this: the log is where it can be found.
    const error = e instanceof Error ? e : new Error(String(e));
    logger.error(`A download stopped part-way: ${error.message}`, error.stack);
    out.destroy(error);
  });
  return new StreamableFile(out, { type, disposition });
}
