import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.factory';
import { TransferExpiryJob } from '../src/transfers/transfer-expiry.job';
import { addLoginMembers, extendForTransfers } from './factories/transfer-county';
import { startTestApp, type TestApp } from './support/test-app';
import { expectTreeConsistent } from './support/tree';
import { CHECKLIST, TransferClient, eventRows } from './support/transfers';
import { expectTallyAsRebuilt } from './support/transfer-tally';

const LETTERS = 32;

/**
 * Real concurrency against the real server and database: requests fired together through supertest (truly parallel
 * on MariaDB), then the invariants checked in the database.
 */
describe('transfers under concurrency', () => {
  let t: TestApp;
  let tc: TransferClient;
  const names = Array.from({ length: LETTERS }, (_, i) => `c${i + 1}`);
  const racers = ['race1', 'race2', 'race3', 'race4', 'race5', 'twoTabs'];
  const crossers = ['toB1', 'toB2', 'toB3', 'toB4'];
  beforeAll(async () => {
    t = await startTestApp();
    tc = new TransferClient(t);
    await extendForTransfers(t);
    await addLoginMembers(t, t.county.orgs.branchA1, [...names, ...racers, ...crossers]);
    await addLoginMembers(t, t.county.orgs.branchB1, ['toA1', 'toA2', 'toA3', 'toA4']);
    for (const u of ['county', 'committeeA', 'committeeB', 'branchA1', 'branchB1', ...names, ...racers, ...crossers]) await t.as(u);
  });
  afterAll(() => t.close());

  const toB1 = () => ({ channel: 'IN_COUNTY', destinationOrgId: t.county.orgs.branchB1.id, reason: 'JOB_CHANGE' });

  describe('letters (the first this committee issues: its serial sequence starts under contention)', () => {
    const approved: number[] = [];

    it(`${LETTERS} letters issued at once by one committee get distinct, consecutive serial numbers`, async () => {
      for (const name of names) approved.push((await tc.approved(name, toB1())).id);
      const [{ n: before }] = await t.ds.query('SELECT COUNT(*) AS n FROM letters');
      const versions = await Promise.all(approved.map((id) => tc.version(id)));
      const auth = await t.as('committeeA');
      const results = await Promise.all(approved.map((id, i) => t.http.post(`/api/transfers/${id}/actions`).set(auth).send({ action: 'issueLetter', version: versions[i] })));
      expect(results.map((r) => r.status).filter((s) => s !== 200), JSON.stringify(results.find((r) => r.status !== 200)?.body)).toEqual([]);
      const serials = results.map((r) => r.body.letter.serial as string);
      expect(new Set(serials).size).toBe(LETTERS);
      const rows: { serial: string; transfer_id: number }[] = await t.ds.query('SELECT serial, transfer_id FROM letters ORDER BY id');
      expect(rows.length - Number(before)).toBe(LETTERS);
      const ours = rows.filter((r) => approved.includes(Number(r.transfer_id))).map((r) => r.serial);
      expect(ours.sort()).toEqual([...serials].sort());
      // {year}{issuer code}{sequence}: one issuer, one year, a run of sequence numbers with no gap and no repeat.
      const prefix = serials[0].slice(0, -3);
      expect(serials.every((s) => s.startsWith(prefix) && /^\d{4}TcommitteeA\d{3}$/.test(s))).toBe(true);
      const seqs = serials.map((s) => Number(s.slice(-3))).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: LETTERS }, (_, i) => i + 1));
      const tokens: { token: string }[] = await t.ds.query('SELECT token FROM letters');
      expect(new Set(tokens.map((r) => r.token)).size).toBe(tokens.length);
    });

    it('the expiry job run twice at once (and from a second app on the same database) expires each letter exactly once', async () => {
      expect(approved).toHaveLength(LETTERS);
      const lapsed = approved.slice(0, 20);
      const past = new Date(Date.now() - 60_000);
      await t.ds.query(`UPDATE transfers SET letter_valid_until = ? WHERE id IN (${lapsed.map(() => '?').join(',')})`, [past, ...lapsed]);
      await t.ds.query(`UPDATE letters SET valid_until = ? WHERE transfer_id IN (${lapsed.map(() => '?').join(',')})`, [past, ...lapsed]);
      const notesBefore = Number((await t.ds.query(`SELECT COUNT(*) AS n FROM notifications WHERE kind = 'transfer.changed'`))[0].n);

      const runs: Promise<number>[] = [t.app.get(TransferExpiryJob).run(), t.app.get(TransferExpiryJob).run()];
      let second: NestFastifyApplication | null = null;
      // Two processes: a second app instance on the same MariaDB database. (Two SQLite connections in one process
      // would only wait on each other's locks: SQLite's single writer is covered by the two runs above.)
      if (process.env.DB_TYPE === 'mysql') {
        second = await createApp(t.config, { logger: ['error'], serveWeb: false });
        await second.init();
        runs.push(second.get(TransferExpiryJob).run());
      }
      try {
        const counts = await Promise.all(runs);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(lapsed.length);
      } finally {
        await second?.close();
      }
      for (const id of approved) {
        const expires = (await eventRows(t, id)).filter((e) => e.action === 'expire');
        expect(expires.length, `transfer ${id}`).toBe(lapsed.includes(id) ? 1 : 0);
      }
      const states: { id: number; state: string }[] = await t.ds.query(`SELECT id, state FROM transfers WHERE id IN (${approved.join(',')})`);
      expect(states.filter((s) => s.state === 'EXPIRED').map((s) => Number(s.id)).sort((a, b) => a - b)).toEqual([...lapsed].sort((a, b) => a - b));
      const letters: { status: string; n: number }[] = await t.ds.query(
        `SELECT status, COUNT(*) AS n FROM letters WHERE transfer_id IN (${approved.join(',')}) GROUP BY status ORDER BY status`,
      );
      expect(letters.map((l) => [l.status, Number(l.n)])).toEqual([
        ['EXPIRED', lapsed.length],
        ['VALID', LETTERS - lapsed.length],
      ]);
      // One notification to each member per expiry, not one per run.
      const notesAfter = Number((await t.ds.query(`SELECT COUNT(*) AS n FROM notifications WHERE kind = 'transfer.changed'`))[0].n);
      expect(notesAfter - notesBefore).toBe(lapsed.length);
      expect(await t.app.get(TransferExpiryJob).run()).toBe(0);
    });
  });

  /** Two administrators act on the same version at once: exactly one wins, the other is told it changed. */
  async function race(id: number, a: [string, string, Record<string, unknown>], b: [string, string, Record<string, unknown>]) {
    const version = await tc.version(id);
    const eventsBefore = (await eventRows(t, id)).length;
    const send = async ([user, action, extra]: [string, string, Record<string, unknown>]) =>
      t.http
        .post(`/api/transfers/${id}/actions`)
        .set(await t.as(user))
        .send({ action, version, ...extra });
    const results = await Promise.all([send(a), send(b)]);
    const ok = results.filter((r) => r.status === 200);
    const lost = results.filter((r) => r.status !== 200);
    expect(ok, JSON.stringify(results.map((r) => [r.status, r.body.code]))).toHaveLength(1);
    expect(lost.map((r) => [r.status, r.body.code])).toEqual([[409, 'TRANSFER_STATE_CONFLICT']]);
    const events = await eventRows(t, id);
    expect(events).toHaveLength(eventsBefore + 1);
    const [{ state, version: v }] = await t.ds.query('SELECT state, version FROM transfers WHERE id = ?', [id]);
    expect(state).toBe(ok[0].body.state);
    expect(events.at(-1)!.to_state).toBe(state);
    expect(Number(v)).toBe(version + 1);
    return ok[0].body as { state: string };
  }

  it('two administrators approving and rejecting the same transfer at once: exactly one succeeds, the other gets 409', async () => {
    const p = await tc.preApproved('race1', toB1());
    const winner = await race(p.id, ['committeeA', 'approve', {}], ['county', 'reject', { comment: '材料不全' }]);
    const [{ status }] = await t.ds.query('SELECT status FROM members WHERE id = ?', [t.county.members.race1]);
    // The member's record follows whichever step won.
    expect(status).toBe(winner.state === 'REJECTED' ? 'ACTIVE' : 'IN_TRANSFER');
  });

  it('pre-approve against return, accept against bounce, withdraw against pre-approve: one winner each time', async () => {
    const s = await tc.submitted('race2', toB1());
    await race(s.id, ['branchA1', 'preApprove', { checklist: CHECKLIST }], ['committeeA', 'return', { missing: ['请补充材料'] }]);
    const issued = await tc.issued('race3', toB1());
    await race(issued.id, ['committeeB', 'accept', { destinationBranchId: t.county.orgs.branchB1.id }], ['county', 'bounce', { comment: '抬头有误' }]);
    const w = await tc.submitted('race4', toB1());
    await race(w.id, ['race4', 'withdraw', {}], ['branchA1', 'preApprove', { checklist: CHECKLIST }]);
    // The same step twice at once (a double click on two screens) is applied once.
    const twice = await tc.preApproved('race5', toB1());
    await race(twice.id, ['committeeA', 'approve', {}], ['county', 'approve', {}]);
  });



  it('applications for one member sent at once from several screens: one draft, the rest 409 TRANSFER_ALREADY_OPEN', async () => {
    const memberId = t.county.members.twoTabs;
    const [{ n: auditBefore }] = await t.ds.query(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'transfer.create'`);
    const senders: [string, Record<string, unknown>][] = [
      ['twoTabs', {}],
      ['twoTabs', {}],
      ['branchA1', { memberId }],
      ['branchA1', { memberId }],
      ['committeeA', { memberId }],
    ];
    const results = await Promise.all(senders.map(async ([user, extra]) => t.http.post('/api/transfers').set(await t.as(user)).send({ ...toB1(), ...extra })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(4).fill('TRANSFER_ALREADY_OPEN'));
    const rows: { id: number }[] = await t.ds.query('SELECT id FROM transfers WHERE member_id = ?', [memberId]);
    expect(rows).toHaveLength(1);
    expect((await eventRows(t, Number(rows[0].id))).map((e) => e.action)).toEqual(['create']);
    const [{ n: auditAfter }] = await t.ds.query(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'transfer.create'`);
    expect(Number(auditAfter) - Number(auditBefore)).toBe(1);
  });

  it('members reporting at the same moment in opposite directions are all moved, with the counts right', async () => {
    const { orgs } = t.county;
    const accepted: number[] = [];
    for (const name of crossers) {
      const id = (await tc.issued(name, toB1())).id;
      accepted.push((await tc.step('committeeB', id, 'accept', 'ACCEPTED', { destinationBranchId: orgs.branchB1.id })).id);
    }
    for (const name of ['toA1', 'toA2', 'toA3', 'toA4']) {
      const id = (await tc.issued(name, { channel: 'IN_COUNTY', destinationOrgId: orgs.branchA1.id, reason: 'JOB_CHANGE' }, 'branchB1', 'committeeB')).id;
      accepted.push((await tc.step('committeeA', id, 'accept', 'ACCEPTED', { destinationBranchId: orgs.branchA1.id })).id);
    }
    const versions = await Promise.all(accepted.map((id) => tc.version(id)));
    const results = await Promise.all(
      accepted.map(async (id, i) => t.http.post(`/api/transfers/${id}/actions`).set(await t.as(i < crossers.length ? 'branchB1' : 'branchA1')).send({ action: 'confirmReported', version: versions[i] })),
    );
    expect(results.map((r) => r.status), JSON.stringify(results.find((r) => r.status !== 200)?.body)).toEqual(Array(accepted.length).fill(200));
    await expectTreeConsistent(t.ds);
  });

  it('after all the contention, the overview’s counters are what a count from scratch gives', async () => {
    await expectTallyAsRebuilt(t.ds);
  });
});
