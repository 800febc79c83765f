import type { LogLevel } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { loadConfig, type AppConfig } from '../../src/config/app.config';
import { resetSchema, testDatabaseConfig } from './test-db';
import { CHANGES_ONLY } from './http';
import { buildMiniCounty, type MiniCounty } from '../factories/mini-county';

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<typeof request>;
  ds: DataSource;
  config: AppConfig;
  county: MiniCounty;
  /** Logs in and returns the bearer header for a fixture account. */
  as(username: string): Promise<{ Authorization: string }>;
  close(): Promise<void>;
}

/**
 * A real app (the production factory) on a real database — a fresh SQLite file, or the run's MariaDB database —
 * with the schema built by the migrations and a small county fixture. Pass env to override configuration.
 */
export async function startTestApp(env: Record<string, string> = {}, options: { logger?: LogLevel[]; serveWeb?: string } = {}): Promise<TestApp> {
  const { db, cleanup } = testDatabaseConfig();
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATA_KEY: randomBytes(32).toString('hex'),
    DEMO_SEED: 'false',
    THROTTLE_LOGIN_PER_MINUTE: '1000',
    ...env,
  });
  config.db = db;
  const app = await createApp(config, { logger: options.logger ?? ['error'], serveWeb: options.serveWeb ?? false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const ds = app.get(DataSource);
  await resetSchema(ds);
  const county = await buildMiniCounty(app);
  const http = request(app.getHttpServer());
  const tokens = new Map<string, string>();
  return {
    app,
    http,
    ds,
    config,
    county,
    async as(username) {
      let token = tokens.get(username);
      if (!token) {
        const res = await http.post('/api/auth/login').send({ username, password: county.password });
        if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
        token = res.body.accessToken as string;
        tokens.set(username, token);
      }
      return { Authorization: `Bearer ${token}` };
    },
    async close() {
      await app.close();
      cleanup();
    },
  };
}

/**
 * Row counts of the tables a refused request must not change. In the audit log, the records of changes: a refusal
 * changes nothing, while reading a record on the way (a test reads the version it acts with) is itself recorded.
 */
export async function tableCounts(ds: DataSource, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await ds.query(`SELECT COUNT(*) AS n FROM ${t}${t === 'audit_log' ? ` WHERE ${CHANGES_ONLY}` : ''}`))[0].n);
  return out;
}
