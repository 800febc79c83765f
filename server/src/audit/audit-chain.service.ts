import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { createHash } from 'node:crypto';
import type { AuditChainReport } from '@zhdj/shared';
import { IsNull, type EntityManager } from 'typeorm';
import { Db } from '../common/database/db.service';
import { letOthersIn } from '../common/event-loop';
import { scheduleJob } from '../common/jobs/schedule-job';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { AuditChain } from './entities/audit-chain.entity';
import { AuditLog } from './entities/audit-log.entity';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of a record its hash covers. */
const HASHED = ['id', 'at', 'actorUserId', 'actorRole', 'actorOrgId', 'action', 'targetType', 'targetId', 'ip', 'detail'] as const;
/** What the chain's check reads of each record: those fields and its place in the chain. */
const CHAINED = [...HASHED, 'seq', 'prevHash', 'hash'] as const;
const VERIFY_PAGE = 5000;
/** Records sealed per transaction, and per UPDATE within it (a CASE per column: its cost grows with its length). */
const SEAL_BATCH = 2000;
const SEAL_PER_STATEMENT = 250;

/** The bytes a record's hash covers: its chain position, the previous hash and every field. */
export function auditHash(r: Pick<AuditLog, (typeof HASHED)[number]>, seq: number, prevHash: string): string {
  const fields = [seq, prevHash, r.id, r.at.toISOString(), r.actorUserId, r.actorRole, r.actorOrgId, r.action, r.targetType, r.targetId, r.ip, r.detail];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * Seals the audit log into a hash chain a little after records commit — so writers never wait on one global lock —
 * and verifies it. Sealing is serialised by locking the chain's head row; running it in two processes is safe.
 */
@Injectable()
export class AuditChainService implements OnApplicationBootstrap {
  private readonly log = new Logger('AuditChain');

  constructor(
    private readonly db: Db,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.jobs) return;
    scheduleJob(this.scheduler, { name: 'audit-seal', everyMs: 5000, log: this.log, run: () => this.seal() });
  }

  /** Chains every record older than `settleMs` that is not sealed yet; returns how many it sealed. */
  async seal(settleMs = 2000): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.db.tx(async (em) => {
        if (!this.db.sqlite) await em.query('SELECT id FROM audit_chain WHERE id = 1 FOR UPDATE');
        const head = await em.findOneByOrFail(AuditChain, { id: 1 });
        const rows = await this.db.pick(AuditLog, HASHED, 'seq IS NULL AND at <= ?', [new Date(Date.now() - settleMs)], { tail: `ORDER BY id ASC LIMIT ${SEAL_BATCH}`, em });
        let { lastSeq, lastHash } = head;
        const links: unknown[][] = [];
        for (const r of rows) {
          const seq = lastSeq + 1;
          const hash = auditHash(r, seq, lastHash);
          links.push([r.id, seq, lastHash, hash]);
          lastSeq = seq;
          lastHash = hash;
        }
        for (let i = 0; i < links.length; i += SEAL_PER_STATEMENT) await this.link(em, links.slice(i, i + SEAL_PER_STATEMENT));
        if (rows.length) await em.update(AuditChain, { id: 1 }, { lastSeq, lastHash });
        return rows.length;
      });
      total += n;
      if (n < SEAL_BATCH) return total;
      // A backlog (records imported in bulk) is sealed in batches, with other requests let in between them.
      await letOthersIn();
    }
  }

  /**
   * Writes the links of a run of records — [id, seq, prevHash, hash] each — in one UPDATE: one statement per record
   * had held the embedded database 75–150 ms per 2,000 records, and cost MySQL a round trip each. Only records still
   * unsealed are written; should any have been sealed meanwhile (the head's lock makes that impossible), the batch is
   * refused, and its transaction with it, rather than leave the head naming a chain the records do not hold.
   */
  private async link(em: EntityManager, links: unknown[][]): Promise<void> {
    const byId = `CASE id ${links.map(() => 'WHEN ? THEN ?').join(' ')} END`;
    const values = (column: number) => links.flatMap((l) => [l[0], l[column]]);
    const changed = await this.db.run(
      `UPDATE audit_log SET seq = ${byId}, prev_hash = ${byId}, hash = ${byId} WHERE seq IS NULL AND id IN (${links.map(() => '?').join(',')})`,
      [...values(1), ...values(2), ...values(3), ...links.map((l) => l[0])],
      em,
    );
    if (changed !== links.length) throw new Error(`audit seal: ${links.length - changed} of ${links.length} records were sealed by someone else`);
  }

  /**
   * Walks the chain from the first record: names the first record that was altered, removed or reordered. One walk at
   * a time: whoever asks while one runs (several auditors opening the audit screen) shares its answer, since a walk
   * over a year's records takes seconds.
   */
  verify(): Promise<AuditChainReport> {
    this.walking ??= this.walk().finally(() => (this.walking = null));
    return this.walking;
  }

  private walking: Promise<AuditChainReport> | null = null;

  private async walk(): Promise<AuditChainReport> {
    // The head first: the walk checks the chain as far as the head said when it began. Records sealed while it walks
    // (the sealer runs every few seconds) are left for the next check; read after the walk, the head could name
    // records the walk never saw and report them as removed.
    const head = await this.db.em.findOneByOrFail(AuditChain, { id: 1 });
    let prev = GENESIS_HASH;
    let expected = 1;
    let sealed = 0;
    for (;;) {
      // A page of plain rows, read as the sealer hashed them; other requests get in between pages.
      await letOthersIn();
      const rows = await this.db.pick(AuditLog, CHAINED, 'seq >= ? AND seq <= ?', [expected, head.lastSeq], { tail: `ORDER BY seq ASC LIMIT ${VERIFY_PAGE}` });
      for (const r of rows) {
        if (r.seq !== expected) return this.report(sealed, { seq: expected, id: null, reason: `record ${expected} of the chain is missing` });
        if (r.prevHash !== prev) return this.report(sealed, { seq: r.seq, id: r.id, reason: 'its link to the previous record does not match' });
        if (r.hash !== auditHash(r, r.seq, prev)) return this.report(sealed, { seq: r.seq, id: r.id, reason: 'its content does not match its hash (altered)' });
        prev = r.hash;
        expected++;
        sealed++;
      }
      if (rows.length < VERIFY_PAGE) break;
    }
    if (head.lastSeq !== sealed || head.lastHash !== prev) {
      return this.report(sealed, { seq: sealed + 1, id: null, reason: `the chain ends at ${sealed} but its head says ${head.lastSeq} (records removed from the end)` });
    }
    return this.report(sealed, null);
  }

  private async report(sealed: number, firstBroken: AuditChainReport['firstBroken']): Promise<AuditChainReport> {
    const unsealed = await this.db.em.count(AuditLog, { where: { seq: IsNull() } });
    return { sealed, unsealed, ok: !firstBroken, firstBroken };
  }
}
