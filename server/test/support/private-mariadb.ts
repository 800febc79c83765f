import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

const MARIADBD = '/usr/sbin/mariadbd';

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

/**
 * A MariaDB server of the test's own — its own data directory (made by mariadb-install-db in a temporary folder),
 * port and socket — that the test may kill and start again. The machine's shared server is never touched. root
 * logs in over TCP without a password, as the install makes it (no --skip-grant-tables).
 */
export class PrivateMariaDb {
  private proc: ChildProcess | null = null;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async create(): Promise<PrivateMariaDb> {
    const dir = mkdtempSync(join(tmpdir(), 'zhdj-mariadb-'));
    const install = spawnSync(
      'mariadb-install-db',
      ['--no-defaults', `--datadir=${join(dir, 'data')}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...(process.getuid?.() === 0 ? ['--user=root'] : [])],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr || install.stdout}`);
    const db = new PrivateMariaDb(dir, await freePort());
    await db.start();
    return db;
  }

  get running(): boolean {
    return !!this.proc && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  async start(): Promise<void> {
    this.proc = spawn(
      MARIADBD,
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'data')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'mysqld.sock')}`,
        `--pid-file=${join(this.dir, 'mysqld.pid')}`,
        `--log-error=${join(this.dir, 'error.log')}`,
        '--innodb-buffer-pool-size=16M',
        '--innodb-log-file-size=16M',
        '--skip-log-bin',
        '--max-connections=200',
        ...(process.getuid?.() === 0 ? ['--user=root'] : []),
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (!this.running) throw new Error(`mariadbd exited at start: ${this.errorLog().slice(-2000)}`);
      try {
        const conn = await createConnection({ host: '127.0.0.1', port: this.port, user: 'root', password: '', connectTimeout: 1000 });
        await conn.end();
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`mariadbd did not accept connections within 60 s: ${this.errorLog().slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  /** Kills the server outright (as a crash or an operator's kill -9 would): in-flight transactions are lost. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc || !this.running) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  }

  /**
   * Freezes the server (SIGSTOP): its sockets stay open and new connections are still accepted by the kernel, but
   * nothing answers — as a hung server or a network that silently drops packets looks to a client.
   */
  freeze(): void {
    if (this.proc && this.running) this.proc.kill('SIGSTOP');
  }

  /** Lets a frozen server go on (SIGCONT). */
  thaw(): void {
    if (this.proc && this.running) this.proc.kill('SIGCONT');
  }

  async query(sql: string, params: unknown[] = []): Promise<unknown> {
    const conn = await createConnection({ host: '127.0.0.1', port: this.port, user: 'root', password: '' });
    try {
      return (await conn.query(sql, params))[0];
    } finally {
      await conn.end();
    }
  }

  errorLog(): string {
    try {
      return readFileSync(join(this.dir, 'error.log'), 'utf8');
    } catch {
      return '';
    }
  }

  async destroy(): Promise<void> {
    const proc = this.proc;
    if (proc && this.running) {
      const exited = new Promise((r) => proc.once('exit', r));
      // A frozen server would not act on SIGTERM until it runs again.
      this.thaw();
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (this.running) await this.kill();
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
