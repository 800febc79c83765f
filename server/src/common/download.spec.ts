import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { streamDownload } from './download';

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

  it('ends the writer’s stream when the client leaves part-way, so the writer can stop', async () => {
    let clientGone!: () => void;
    const gone = new Promise<void>((r) => (clientGone = r));
    let seenByWriter: boolean | undefined;
    const file = streamDownload(
      async (out) => {
        out.write('first page');
        await gone;
        seenByWriter = out.destroyed;
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
    await vi.waitFor(() => expect(seenByWriter).toBe(true));
  });
});
