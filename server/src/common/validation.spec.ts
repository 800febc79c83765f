import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreateTransferDto, ListTransfersQuery } from '../transfers/dto/transfer.dto';
import { AppException } from './errors/app.exception';
import { createValidationPipe, QUERY_MEMO_SIZE } from './validation';

const asQuery: ArgumentMetadata = { type: 'query', metatype: ListTransfersQuery };

describe('the validation pipe', () => {
  // Calls reaching class-transformer and class-validator (ValidationPipe's own transform, past the memo).
  const checked = () => vi.spyOn(ValidationPipe.prototype, 'transform');
  afterEach(() => vi.restoreAllMocks());

  it('converts and checks a query string once, then answers the same query from memory, each time with a copy of its own', async () => {
    const pipe = createValidationPipe();
    const spy = checked();
    const first = (await pipe.transform({ queue: 'watching', limit: '20', overdue: 'true' }, asQuery)) as ListTransfersQuery;
    expect(first).toBeInstanceOf(ListTransfersQuery);
    expect({ ...first }).toEqual({ queue: 'watching', limit: 20, overdue: true });
    first.limit = 99; // a handler changing its query does not change the next request's
    const again = (await pipe.transform({ queue: 'watching', limit: '20', overdue: 'true' }, asQuery)) as ListTransfersQuery;
    expect(again).toBeInstanceOf(ListTransfersQuery);
    expect({ ...again }).toEqual({ queue: 'watching', limit: 20, overdue: true });
    expect(again).not.toBe(first);
    expect(spy).toHaveBeenCalledTimes(1);
    // Another query is checked on its own.
    expect({ ...((await pipe.transform({ queue: 'done' }, asQuery)) as object) }).toEqual({ queue: 'done' });
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('refuses a bad query every time it comes, and keeps refusing unknown fields', async () => {
    const pipe = createValidationPipe();
    const spy = checked();
    for (const query of [{ limit: '101' }, { limit: '101' }, { queue: 'todo', admin: 'true' }, { queue: 'todo', admin: 'true' }]) {
      const refusal = await pipe.transform(query, asQuery).catch((e: unknown) => e);
      expect(refusal, JSON.stringify(query)).toBeInstanceOf(AppException);
    }
    expect(spy).toHaveBeenCalledTimes(4);
  });

  it('validates bodies every time (they are not remembered)', async () => {
    const pipe = createValidationPipe();
    const spy = checked();
    const body = { channel: 'IN_COUNTY', reason: 'JOB_CHANGE' };
    const asBody: ArgumentMetadata = { type: 'body', metatype: CreateTransferDto };
    for (let i = 0; i < 2; i++) await pipe.transform({ ...body }, asBody).catch(() => undefined);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('keeps at most QUERY_MEMO_SIZE queries per class, forgetting the oldest first', async () => {
    const pipe = createValidationPipe();
    for (let i = 0; i <= QUERY_MEMO_SIZE; i++) await pipe.transform({ cursor: `c${i}` }, asQuery);
    const spy = checked();
    await pipe.transform({ cursor: `c${QUERY_MEMO_SIZE}` }, asQuery); // the newest: remembered
    expect(spy).toHaveBeenCalledTimes(0);
    await pipe.transform({ cursor: 'c0' }, asQuery); // the oldest: forgotten, checked again
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
