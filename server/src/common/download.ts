import { Logger, StreamableFile } from '@nestjs/common';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { once } from 'node:events';
import { letOthersIn } from './event-loop';

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

/** What a writer stops with when its client has left part-way (`nextPage`, between its pages). */
export class DownloadAbandoned extends Error {
  constructor() {
    super('The client left before the download was complete');
    this.name = 'DownloadAbandoned';
  }
}

/**
 * What `nextPage` knows of a writer's stream: the bytes it has handed on towards its client, and whether the client
 * has left (what the writer still writes is then drained away).
 */
interface Delivery {
  bytes: number;
  clientLeft: boolean;
}
const deliveries = new WeakMap<Writable, Delivery>();
const gone = (out: Writable): boolean => !!deliveries.get(out)?.clientLeft || out.destroyed;

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/** How long the compressor's output may pause before `nextPage` takes it to have caught up. */
const CATCH_UP_MS = 2;

/**
 * Between an export's pages. It lets other requests in first (`letOthersIn`: on SQLite a county's export held the
 * event loop for seconds without it). It lets the file's compressor catch up: a workbook is zipped a chunk per turn
 * of the event loop, and a page loop that gave it one turn a page left it ever further behind, holding the sheet
 * still to be zipped in memory and sending most of the file in its last moments (the county's study export on
 * SQLite); so the export waits while the compressor's output still flows. It waits while the client is behind. And
 * it stops the export (DownloadAbandoned) when the client has left, instead of reading the rest of a subtree for no
 * one.
 */
export async function nextPage(out: Writable): Promise<void> {
  await letOthersIn();
  const delivery = deliveries.get(out);
  for (let seen = -1; delivery && seen !== delivery.bytes && !gone(out); ) {
    seen = delivery.bytes;
    await new Promise((resolve) => setTimeout(resolve, CATCH_UP_MS));
  }
  if (out.writableNeedDrain && !gone(out)) await once(out, 'drain');
  if (gone(out)) throw new DownloadAbandoned();
}

/**
 * An export recorded after its rows (its record says how many it wrote). Rows may have left the server before an
 * export stops early, so it is recorded then too, with how far it got: abandoned (the client left) or failed (an
 * error part-way — recorded if the database still takes the record; the export fails with its own error either way).
 */
export async function rowsThenRecord(
  rows: (tally: { rows: number }) => Promise<void>,
  record: (detail: { rows: number; abandoned?: true; failed?: true }) => Promise<void>,
): Promise<void> {
  const tally = { rows: 0 };
  try {
    await rows(tally);
  } catch (e) {
    const stopped = e instanceof DownloadAbandoned ? { abandoned: true as const } : { failed: true as const };
    await record({ rows: tally.rows, ...stopped }).catch((recording: unknown) => {
      const error = asError(recording);
      logger.error(`An export that stopped part-way could not be recorded: ${error.message}`, error.stack);
    });
    throw e;
  }
  await record({ rows: tally.rows });
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
  const delivery: Delivery = { bytes: 0, clientLeft: false };
  deliveries.set(sink, delivery);
  sink.on('data', (chunk: Buffer) => (delivery.bytes += chunk.length));
  // A client that leaves part-way (the framework destroys the response's stream) is noted for `nextPage`, which
  // stops the writer at its next page; until then what it writes is drained away. The writer's stream is not
  // destroyed: a workbook's commit waits for its stream to finish and would wait for ever on a destroyed one.
  out.once('close', () => {
    if (sink.writableFinished) return;
    delivery.clientLeft = true;
    sink.unpipe(out);
    sink.resume();
  });
  const written = write(sink).then(async () => {
    if (!sink.writableEnded) sink.end();
    // Every byte the writer wrote has been handed on to the response before it ends.
    await finished(sink);
    if (!out.destroyed) out.end();
  });
  written.catch((e: unknown) => {
    if (e instanceof DownloadAbandoned) {
      logger.debug('A download was abandoned by its client part-way');
      sink.destroy();
      return;
    }
    // The status line has gone out by now, so the error filter never sees this: the log is where it can be found.
    const error = asError(e);
    logger.error(`A download stopped part-way: ${error.message}`, error.stack);
    sink.unpipe(out);
    out.destroy(error);
  });
  return new StreamableFile(out, { type, disposition });
}
