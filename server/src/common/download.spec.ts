import { stream as excel } from 'exceljs';
import { Logger } from '@nestjs/common';
import { Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { describe, expect, it, vi } from 'vitest';
import { DownloadAbandoned, XLSX, nextPage, rowsThenRecord, streamDownload } from './download';

/** Reads a download to its end, as a client does, noting what had happened by the time the last byte arrived. */
async function readToEnd(stream: Readable, seen: () => string[]): Promise<{ body: string; atEnd: string[] }> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return { body: Buffer.concat(chunks).toString(), atEnd: [...seen()] };
}

describe('streamDownload', () => {
  it('ends the response only when the writer has finished its work after its last byte (an export audit record)', async () => {
    const done: string[] = [];
    const file = streamDownload(
      async (out) => {
        out.write('a,b\n');
        out.end('1,2\n');
        // Work after the stream has ended, as an export's audit record is written after the workbook.
        await new Promise((r) => setTimeout(r, 30));
        done.push('audited');
      },
      'text/csv',
      'attachment',
    );
    const { body, atEnd } = await readToEnd(file.getStream(), () => done);
    expect(body).toBe('a,b\n1,2\n');
    expect(atEnd).toEqual(['audited']);
  });

  it('ends the response for a writer that leaves its stream open', async () => {
    const file = streamDownload(async (out) => void out.write('only'), 'text/plain', 'attachment');
    expect((await readToEnd(file.getStream(), () => [])).body).toBe('only');
  });

  it('aborts the response when the writer fails, even after its last byte, so a client never holds a file as complete', async () => {
    const file = streamDownload(
      async (out) => {
        out.end('all rows');
        await new Promise((r) => setTimeout(r, 10));
        throw new Error('audit unavailable');
      },
      'text/plain',
      'attachment',
    );
    await expect(readToEnd(file.getStream(), () => [])).rejects.toThrow('audit unavailable');
  });

  it('tells the writer when the client has left part-way, so it can stop', async () => {
    let clientGone!: () => void;
    const gone = new Promise<void>((r) => (clientGone = r));
    const seenByWriter: boolean[] = [];
    const wanted = (out: Writable) =>
      nextPage(out).then(
        () => true,
        (e: unknown) => {
          if (e instanceof DownloadAbandoned) return false;
          throw e;
        },
      );
    const file = streamDownload(
      async (out) => {
        seenByWriter.push(await wanted(out));
        out.write('first page');
        await gone;
        seenByWriter.push(await wanted(out));
        out.end('second page');
      },
      'text/plain',
      'attachment',
    );
    const stream = file.getStream();
    stream.once('data', () => {
      stream.destroy();
      setImmediate(clientGone);
    });
    await vi.waitFor(() => expect(seenByWriter).toEqual([true, false]));
  });

  it('lets a workbook still being written when the client leaves finish its commit, instead of waiting for ever', async () => {
    let clientGone!: () => void;
    const gone = new Promise<void>((r) => (clientGone = r));
    let outcome: unknown;
    const file = streamDownload(
      async (out) => {
        const wb = new excel.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
        const sheet = wb.addWorksheet('rows');
        // Enough for the zip to send its first bytes before the client goes.
        for (let i = 0; i < 20_000; i++) sheet.addRow([i, `row ${i} of a page written before the client left`]).commit();
        await gone;
        sheet.commit();
        outcome = await wb.commit().then(
          () => 'committed',
          (e: unknown) => e,
        );
      },
      XLSX,
      'attachment',
    );
    const stream = file.getStream();
    stream.once('data', () => {
      stream.destroy();
      setImmediate(clientGone);
    });
    await vi.waitFor(() => expect(outcome).toBe('committed'), { timeout: 3000 });
  });

  it('stops a paged export at its next page when the client leaves, and records how far it got', async () => {
    const pagesWritten: number[] = [];
    const records: unknown[] = [];
    const logged = vi.spyOn(Logger.prototype, 'error');
    let settled!: Promise<void>;
    const file = streamDownload(
      (out) =>
        (settled = rowsThenRecord(
          async (tally) => {
            for (let page = 0; page < 50; page++) {
              await nextPage(out);
              await new Promise((r) => setTimeout(r, 5));
              out.write(`page ${page}\n`);
              pagesWritten.push(page);
              tally.rows += 100;
            }
          },
          async (detail) => void records.push(detail),
        )),
      'text/plain',
      'attachment',
    );
    const stream = file.getStream();
    stream.once('data', () => stream.destroy());
    await expect(settled).rejects.toBeInstanceOf(DownloadAbandoned);
    expect(pagesWritten.length).toBeLessThan(5);
    expect(records).toEqual([{ rows: pagesWritten.length * 100, abandoned: true }]);
    // A client leaving is not the server's failure: nothing is logged as an error.
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
  });

  it('records a whole export once, after its rows; one that fails part-way as failed, with how far it got', async () => {
    const records: unknown[] = [];
    await rowsThenRecord(
      async (tally) => void (tally.rows = 7),
      async (detail) => void records.push(detail),
    );
    expect(records).toEqual([{ rows: 7 }]);
    await expect(
      rowsThenRecord(
        async (tally) => {
          tally.rows = 3;
          throw new Error('a row could not be written');
        },
        async (detail) => void records.push(detail),
      ),
    ).rejects.toThrow('a row could not be written');
    expect(records).toEqual([{ rows: 7 }, { rows: 3, failed: true }]);
  });

  it('fails an export with its own error when its record cannot be written either', async () => {
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    await expect(
      rowsThenRecord(
        async () => {
          throw new Error('database unavailable');
        },
        async () => {
          throw new Error('audit unavailable');
        },
      ),
    ).rejects.toThrow('database unavailable');
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('audit unavailable'), expect.any(String));
    logged.mockRestore();
  });

  it('lets other requests in between pages, even when every query answers at once (the embedded SQLite driver)', async () => {
    const order: string[] = [];
    const file = streamDownload(
      async (out) => {
        for (let page = 0; page < 5; page++) {
          await nextPage(out);
          out.write(`page ${page}\n`);
          order.push(`page ${page}`);
        }
      },
      'text/plain',
      'attachment',
    );
    setImmediate(() => order.push('another request'));
    await readToEnd(file.getStream(), () => []);
    // The other request ran while the export still had pages to write (not only once it was done).
    expect(order.slice(0, order.indexOf('page 4'))).toContain('another request');
  });

  it('waits while the client is behind, so the server never holds more than a page or so of the file', async () => {
    let pages = 0;
    const page = 'x'.repeat(64 * 1024);
    const file = streamDownload(
      async (out) => {
        for (let i = 0; i < 100; i++) {
          await nextPage(out);
          out.write(page);
          pages++;
        }
      },
      'text/plain',
      'attachment',
    );
    const stream = file.getStream();
    // A client that has not read yet.
    await new Promise((r) => setTimeout(r, 100));
    expect(pages).toBeLessThan(5);
    const { body } = await readToEnd(stream, () => []);
    expect(body.length).toBe(100 * page.length);
  });

  it('lets a workbook’s compressor keep up with the pages, so the file reaches the client as it is written', async () => {
    let received = 0;
    const receivedBeforePage: number[] = [];
    const file = streamDownload(
      async (out) => {
        const wb = new excel.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
        const sheet = wb.addWorksheet('rows');
        for (let page = 0; page < 20; page++) {
          await nextPage(out);
          receivedBeforePage.push(received);
          // A page read at once, as SQLite answers.
          for (let i = 0; i < 2000; i++) sheet.addRow([page, i, `row ${i} of page ${page}: ${(page * 7919 + i * 104729) % 1000003}`]).commit();
        }
        sheet.commit();
        await wb.commit();
      },
      XLSX,
      'attachment',
    );
    const stream = file.getStream();
    stream.on('data', (c: Buffer) => (received += c.length));
    await finished(stream);
    // Before the last page the client holds much of what came before it (19 pages of 20), not only the file's first
    // bytes: without the catch-up, 8% of the file had left by then; with it, 92%.
    expect(receivedBeforePage[19]).toBeGreaterThan(received * 0.5);
  });
});
