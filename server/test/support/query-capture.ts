import type { DataSource, Logger } from 'typeorm';

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

/** A TypeORM logger that records the SQL the real endpoints run, so a test can ask the database how it plans them. */
export class QueryCapture implements Logger {
  queries: CapturedQuery[] = [];
  private recording = false;

  start(): void {
    this.queries = [];
    this.recording = true;
  }

  stop(): CapturedQuery[] {
    this.recording = false;
    return this.queries;
  }

  logQuery(query: string, parameters?: unknown[]): void {
    if (this.recording) this.queries.push({ sql: query, params: parameters ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/** Replaces the data source's logger (TypeORM calls it for every query whatever the `logging` option says). */
export function captureQueries(ds: DataSource): QueryCapture {
  const capture = new QueryCapture();
  (ds as unknown as { logger: Logger }).logger = capture;
  return capture;
}
