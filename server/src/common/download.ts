import { Logger, StreamableFile } from '@nestjs/common';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

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
 *
 * The writer writes into a stream of its own, and the response ends only when `write` has resolved, not when the
 * writer ends its stream: whatever `write` does after its last byte (an export's audit record) is done before the
 * client holds a complete file, so a client that downloads and then looks for the record always finds it, and a
 * failure there still aborts the response.
 */
export function streamDownload(write: (out: Writable) => Promise<void>, type: string, disposition: string): StreamableFile {
  const out = new PassThrough();
  const sink = new PassThrough();
  sink.pipe(out, { end: false });
  // A client that leaves part-way (the framework destroys the response's stream) ends the writer's stream too: the
  // writer can see it (`out.destroyed`), and what it still writes is dropped rather than kept for a reader who is gone.
  out.once('close', () => sink.destroy());
  const written = write(sink).then(async () => {
    if (!sink.writableEnded) sink.end();
    // Every byte the writer wrote has been handed on to the response before it ends.
    await finished(sink);
    out.end();
  });
  written.catch((e: unknown) => {
    // The status line has gone out by now, so the error filter never sees this: the log is where it can be found.
    const error = e instanceof Error ? e : new Error(String(e));
    logger.error(`A download stopped part-way: ${error.message}`, error.stack);
    sink.unpipe(out);
    out.destroy(error);
  });
  return new StreamableFile(out, { type, disposition });
}
