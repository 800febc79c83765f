import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const mysql = process.env.DB_TYPE === 'mysql';

export default defineConfig({
  // SWC keeps decorator metadata, which Nest's dependency injection and class-validator need.
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: { alias: { '@zhdj/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) } },
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    // A *.mysql.spec.ts file is about MySQL alone (its locks, its character sets): not part of a SQLite run, rather than skipped in it.
    exclude: ['**/node_modules/**', ...(mysql ? [] : ['test/**/*.mysql.spec.ts'])],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/file-setup.ts'],
    // Files run one after another in a worker share its modules instead of importing Nest, TypeORM and the app again
    // each time: that import was about 3.5 s a file, 65 files, most of the MariaDB run's minutes (which takes one file
    // at a time). Module state that must not cross files is reset in file-setup.ts; every app a file starts is its own.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One MariaDB database per run: files take turns on it. SQLite files each get their own file and run in parallel.
    fileParallelism: !mysql,
    maxWorkers: mysql ? 1 : 2,
    env: { NODE_ENV: 'test' },
  },
});
