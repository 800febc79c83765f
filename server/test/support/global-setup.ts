import { createConnection } from 'mysql2/promise';
import type { TestProject } from 'vitest/node';

/**
 * For a MySQL run, creates one database for the whole run (dropped at the end); every test file rebuilds its
 * schema in it with the migrations. SQLite runs need nothing here: each file makes its own database file.
 */
export default async function setup(project: TestProject) {
  if (process.env.DB_TYPE !== 'mysql') return;
  const name = process.env.DB_NAME ?? `zhdj_test_${process.pid}`;
  const conn = await createConnection({
    host: process.env.DB_HOST ?? '127.0.0.1',
    port: Number(process.env.DB_PORT ?? 3306),
    user: process.env.DB_USER ?? 'root',
    password: process.env.DB_PASSWORD ?? '',
  });
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  project.provide('mysqlDatabase', name);
  return async () => {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    mysqlDatabase: string;
  }
}
