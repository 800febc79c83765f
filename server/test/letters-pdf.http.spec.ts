import jsQR from 'jsqr';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaYearMonth } from '@zhdj/shared';
import { LettersService } from '../src/letters/letters.service';
import { addLoginMembers, extendForTransfers } from './factories/transfer-county';
import { fakeIdNumber } from './factories/mini-county';
import { auditSince, lastAuditId } from './support/http';
import { captureQueries } from './support/query-capture';
import { startTestApp, tableCounts, type TestApp } from './support/test-app';
import { OUTSIDE, TransferClient } from './support/transfers';

// pdfjs-dist's legacy build runs in Node without a browser: it reads the PDF's text and hands back its images.
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: PdfJs;

/** Capital numerals written out independently of the server's implementation. */
const CAP = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const capMonth = (m: number) => (m < 10 ? CAP[m] : m === 10 ? '壹拾' : `壹拾${CAP[m - 10]}`);
const capYearMonth = (ym: string) => `${[...ym.slice(0, 4)].map((d) => CAP[Number(d)]).join('')}年${capMonth(Number(ym.slice(5, 7)))}月`;

interface PdfContent {
  /** Each page's text, whitespace removed (the PDF places words separately). */
  pages: string[];
  /** Every image painted on the pages, as RGBA. */
  images: { width: number; height: number; rgba: Uint8ClampedArray }[];
}

async function readPdf(buf: Buffer): Promise<PdfContent> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buf), verbosity: 0 }).promise;
  const out: PdfContent = { pages: [], images: [] };
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const text = await page.getTextContent();
    out.pages.push(text.items.map((i) => ('str' in i ? i.str : '')).join('').replace(/\s+/g, ''));
    const ops = await page.getOperatorList();
    for (let i = 0; i < ops.fnArray.length; i++) {
      if (ops.fnArray[i] !== pdfjs.OPS.paintImageXObject) continue;
      const img = await new Promise<{ width: number; height: number; kind: number; data: Uint8Array }>((resolve) => page.objs.get(ops.argsArray[i][0], resolve));
      out.images.push({ width: img.width, height: img.height, rgba: toRgba(img) });
    }
  }
  await doc.destroy();
  return out;
}

/** pdfjs image kinds: 1 = 1-bit grey (packed rows), 2 = RGB, 3 = RGBA. */
function toRgba(img: { width: number; height: number; kind: number; data: Uint8Array }): Uint8ClampedArray {
  const { width: w, height: h, kind, data } = img;
  const rgba = new Uint8ClampedArray(w * h * 4);
  const rowBytes = Math.ceil(w / 8);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      const grey = kind === 1 ? ((data[y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1) * 255 : -1;
      for (let k = 0; k < 3; k++) rgba[p * 4 + k] = kind === 1 ? grey : data[p * (kind === 3 ? 4 : 3) + k];
      rgba[p * 4 + 3] = 255;
    }
  }
  return rgba;
}

const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The introduction letter: the PDF's three parts and their fields, its QR code, prints, and public verification. */
describe('introduction letters', () => {
  let t: TestApp;
  let tc: TransferClient;
  const idNumber = fakeIdNumber('1990-05-20', 'M');
  let transferId: number;
  const issuerContact = { address: '江苏省新沂市新安街道建设路88号', phone: '0516-88923456', fax: '0516-88923457', postcode: '221499' };

  beforeAll(async () => {
    pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    t = await startTestApp();
    tc = new TransferClient(t);
    await extendForTransfers(t);
    const { orgs } = t.county;
    await addLoginMembers(t, orgs.branchA1, ['王晓明'], { idNumber, birthDate: '1990-05-20', sex: 'M', ethnicity: '回族', phone: '13905168888', duesPaidThrough: chinaYearMonth() });
    await addLoginMembers(t, orgs.branchA1, ['lost1', 'bounced1', 'expired1', 'outside1']);
    const r = await t.http.patch(`/api/organizations/${orgs.committeeA.id}`).set(await t.as('county')).send(issuerContact);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    transferId = (await tc.issued('王晓明', { channel: 'IN_COUNTY', destinationOrgId: orgs.branchB1.id, reason: 'JOB_CHANGE' })).id;
  });
  afterAll(() => t.close());

  const getPdf = async (user: string, id: number) => t.http.get(`/api/transfers/${id}/letter.pdf`).set(await t.as(user)).buffer(true).parse(binary);
  const tokenOf = (letter: { verifyUrl: string }) => letter.verifyUrl.split('/').pop()!;
  const verify = (token: string) => t.http.get(`/api/letters/verify/${token}`);

  describe('the PDF', () => {
    let pdf: PdfContent;
    let letter: { serial: string; verifyUrl: string; validUntil: string; issuedAt: string };
    beforeAll(async () => {
      letter = (await tc.get('committeeA', transferId)).letter as typeof letter;
      const res = await getPdf('committeeA', transferId);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(`letter-${letter.serial}.pdf`);
      expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      // The CJK font is embedded as a subset of the glyphs used: the whole Noto CJK collection is some 20 MB.
      expect((res.body as Buffer).includes('/FontFile')).toBe(true);
      expect((res.body as Buffer).length).toBeLessThan(1_000_000);
      pdf = await readPdf(res.body);
    });

    it('carries the serial number on the stub, the letter and the receipt', () => {
      const text = pdf.pages.join('');
      const stub = text.indexOf('中国共产党党员组织关系介绍信（存根）');
      const receipt = text.indexOf('中国共产党党员组织关系介绍信回执');
      const body = text.indexOf('中国共产党党员组织关系介绍信', stub + 1);
      expect(stub).toBeGreaterThanOrEqual(0);
      expect(body).toBeGreaterThan(stub);
      expect(receipt).toBeGreaterThan(body);
      for (const part of [text.slice(stub, body), text.slice(body, receipt), text.slice(receipt)]) expect(part).toContain(`第${letter.serial}号`);
    });

    it('names the member in full with the full ID number, the organisations by their full names, dues and validity in capitals', () => {
      const { orgs } = t.county;
      const text = pdf.pages.join('');
      const body = text.slice(text.indexOf('中国共产党党员组织关系介绍信', 10), text.indexOf('中国共产党党员组织关系介绍信回执'));
      expect(body).toContain(`${orgs.committeeB.name}：`); // the addressee (抬头): the receiving committee
      expect(body).toContain('兹介绍王晓明同志');
      expect(body).toContain(idNumber);
      expect(body).toMatch(/男，\d+岁，回族，系中共正式党员/);
      expect(body).toContain(`由${orgs.branchA1.name}转到${orgs.branchB1.name}`);
      expect(body).toContain(`党费已交到${capYearMonth(chinaYearMonth())}`);
      expect(body).toContain('有效期叁拾天');
      expect(body).toContain('13905168888');
      expect(body).toContain(`${orgs.committeeA.name}（盖章）`);
      for (const v of Object.values(issuerContact)) expect(body).toContain(v);
      expect(text).toContain(`${orgs.committeeA.name}：`); // the receipt goes back to the issuer
    });

    it('is not marked as out of force while valid', () => {
      const text = pdf.pages.join('');
      expect(text).not.toContain('不能用于办理组织关系转接');
      expect(text).not.toContain('作废');
    });

    it('has a QR code that decodes to the public verification address', async () => {
      const codes = pdf.images.map((img) => jsQR(img.rgba, img.width, img.height)?.data).filter(Boolean);
      expect(codes).toEqual([letter.verifyUrl]);
      expect(letter.verifyUrl).toMatch(new RegExp(`^${t.config.transfers.publicBaseUrl}/verify/[A-Za-z0-9_-]{22}$`));
      const v = await verify(tokenOf(letter)).expect(200);
      expect(v.body).toMatchObject({ status: 'valid', serial: letter.serial });
    });

    it('writes a 90-day letter’s validity in capitals too', async () => {
      const id = (await tc.preApproved('outside1', OUTSIDE.CROSS_PROVINCE)).id;
      await tc.step('committeeA', id, 'approve', 'COMMITTEE_APPROVED');
      await tc.step('county', id, 'approve', 'APPROVED');
      await tc.step('committeeA', id, 'issueLetter', 'LETTER_ISSUED');
      const text = (await readPdf((await getPdf('committeeA', id)).body)).pages.join('');
      expect(text).toContain('有效期玖拾天');
      expect(text).toContain(`${OUTSIDE.CROSS_PROVINCE.destinationAddressee}：`);
      expect(text).toContain(`转到${OUTSIDE.CROSS_PROVINCE.destinationName}`);
    });
  });

  it('the tracker reads each letter with its print count in one statement (no second look at the prints)', async () => {
    const capture = captureQueries(t.ds);
    capture.start();
    const letter = (await tc.get('committeeA', transferId)).letter as { printCount: number };
    const queries = capture.stop();
    expect(letter.printCount).toBeGreaterThanOrEqual(0);
    const onLetters = queries.filter((q) => /\bletters\b/.test(q.sql));
    expect(onLetters.map((q) => q.sql.replace(/\s+/g, ' ')), 'statements reading letters').toHaveLength(1);
    expect(onLetters[0].sql).toMatch(/letter_prints/);
    expect(queries.filter((q) => /\bletter_prints\b/.test(q.sql) && !/\bletters\b/.test(q.sql)), 'a separate statement on the prints').toEqual([]);
  });

  it('counts and audits every print; those who cannot read the transfer get 404 and nothing is counted', async () => {
    const before = (await tc.get('committeeA', transferId)).letter as { printCount: number; serial: string };
    for (const u of ['王晓明', 'committeeB', 'villageA', 'memberB1', 'sysadmin']) await t.as(u); // logins are audited too
    const auditBefore = await lastAuditId(t.ds);
    expect((await getPdf('王晓明', transferId)).status).toBe(200);
    expect((await getPdf('committeeB', transferId)).status).toBe(200);
    const counts = await tableCounts(t.ds, ['letter_prints', 'audit_log']);
    for (const outsider of ['villageA', 'memberB1', 'sysadmin']) expect((await getPdf(outsider, transferId)).status, outsider).toBe(404);
    expect(await tableCounts(t.ds, ['letter_prints', 'audit_log'])).toEqual(counts);
    const after = (await tc.get('committeeA', transferId)).letter as { printCount: number };
    expect(after.printCount).toBe(before.printCount + 2);
    const prints: { user_id: number }[] = await t.ds.query('SELECT user_id FROM letter_prints ORDER BY id DESC LIMIT 2');
    expect(prints.map((p) => Number(p.user_id))).toEqual([t.county.users.committeeB, t.county.users['王晓明']]);
    const audit = await auditSince(t.ds, auditBefore);
    // Each in the capacity they printed in: the member in their branch, the receiving committee as itself (the letter
    // is another committee's; its print was once recorded with no role or organisation).
    expect(audit.map((a) => [a.action, a.target_id, a.actor_user_id, a.actor_role, a.actor_org_id, JSON.parse(a.detail!).serial])).toEqual([
      ['letter.print', String(transferId), t.county.users['王晓明'], 'MEMBER', t.county.orgs.branchA1.id, before.serial],
      ['letter.print', String(transferId), t.county.users.committeeB, 'COMMITTEE_ADMIN', t.county.orgs.committeeB.id, before.serial],
    ]);
    // Viewing or saving the file is audited as what it is, and is not a print; a purpose not known is refused.
    const beforeOthers = await lastAuditId(t.ds);
    const fetched = async (purpose: string) => t.http.get(`/api/transfers/${transferId}/letter.pdf?purpose=${purpose}`).set(await t.as('committeeB')).buffer(true).parse(binary);
    expect((await fetched('view')).status).toBe(200);
    expect((await fetched('download')).status).toBe(200);
    expect((await fetched('photocopy')).status).toBe(400);
    expect(((await tc.get('committeeA', transferId)).letter as { printCount: number }).printCount).toBe(before.printCount + 2);
    expect((await auditSince(t.ds, beforeOthers)).map((a) => a.action)).toEqual(['letter.view', 'letter.download']);
    // No letter yet: nothing to print.
    const draft = await tc.create('lost1', { channel: 'IN_COUNTY', destinationOrgId: t.county.orgs.branchB1.id });
    expect((await getPdf('committeeA', draft.id)).status).toBe(404);
    await t.http.delete(`/api/transfers/${draft.id}`).set(await t.as('lost1')).expect(204);
  });

  it('names the letter’s issuer on the tracker, whether or not the transfer’s organisations already held it', async () => {
    const letters = t.app.get(LettersService);
    const issuer = t.county.orgs.committeeA;
    const shown = (await tc.get('committeeA', transferId)).letter as { issuer: unknown };
    expect(shown.issuer).toEqual({ id: issuer.id, name: issuer.name, shortName: issuer.shortName, level: issuer.level });
    // Read alone (the issuer not among the organisations given), the same view.
    const [alone] = (await letters.views([transferId])).get(transferId)!;
    expect(alone.issuer).toEqual(shown.issuer);
    expect((await letters.views([transferId], new Map([[issuer.id, alone.issuer]]))).get(transferId)).toEqual([alone]);
  });

  describe('public verification', () => {
    const KEYS = ['issuedAt', 'issuer', 'memberName', 'receiver', 'serial', 'status', 'validUntil'];

    it('needs no login and shows only status, serial, organisations, dates and the masked name', async () => {
      const { orgs } = t.county;
      const letter = (await tc.get('committeeA', transferId)).letter as { serial: string; verifyUrl: string };
      const v = await verify(tokenOf(letter));
      expect(v.status).toBe(200);
      expect(Object.keys(v.body).sort()).toEqual(KEYS);
      expect(v.body).toEqual({
        status: 'valid',
        serial: letter.serial,
        issuer: orgs.committeeA.name,
        receiver: orgs.branchB1.name,
        issuedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        validUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        memberName: '王*明',
      });
      const days = (Date.parse(v.body.validUntil) - Date.parse(v.body.issuedAt)) / 86400_000;
      expect(days).toBe(29); // thirty days, the day of issue included
      expect(JSON.stringify(v.body)).not.toContain(idNumber.slice(6, 14));
    });

    it('reads “used” once the member has reported', async () => {
      const letter = (await tc.get('committeeA', transferId)).letter as { verifyUrl: string };
      await tc.step('committeeB', transferId, 'accept', 'ACCEPTED', { destinationBranchId: t.county.orgs.branchB1.id });
      expect((await verify(tokenOf(letter))).body.status).toBe('valid');
      await tc.step('branchB1', transferId, 'confirmReported', 'COMPLETED');
      const v = await verify(tokenOf(letter)).expect(200);
      expect(v.body.status).toBe('used');
      expect(Object.keys(v.body).sort()).toEqual(KEYS);
    });

    it('reads “revoked” for a revoked letter and for one voided by a bounce; the re-issue (补开) cites the old number', async () => {
      const lost = await tc.issued('lost1', { channel: 'IN_COUNTY', destinationOrgId: t.county.orgs.branchB1.id, reason: 'OTHER', reasonDetail: '随配偶迁居' });
      const old = lost.letter as { serial: string; verifyUrl: string };
      const beforeRevoke = await lastAuditId(t.ds);
      await tc.step('committeeA', lost.id, 'revoke', 'REVOKED', { comment: '介绍信遗失' });
      expect((await verify(tokenOf(old))).body.status).toBe('revoked');
      // Revoked while the step waited at the receiving committee: recorded as the issuing committee that revoked it.
      expect((await auditSince(t.ds, beforeRevoke)).map((a) => [a.action, a.actor_role, a.actor_org_id])).toEqual([['transfer.revoke', 'COMMITTEE_ADMIN', t.county.orgs.committeeA.id]]);
      expect(((await tc.get('committeeA', lost.id)).events as unknown[]).at(-1)).toMatchObject({ action: 'revoke', actorRole: 'COMMITTEE_ADMIN', actorOrg: t.county.orgs.committeeA.shortName });
      // The receiving committee, to whom whoever holds the old paper would bring it, is told its number is void.
      const told = await t.http.get('/api/notifications').set(await t.as('committeeB'));
      const voidNotice = (told.body.items as { kind: string; title: string; link: string }[]).find((n) => n.kind === 'transfer.letterVoid' && n.link === `/admin/transfers/${lost.id}`);
      expect(voidNotice?.title).toContain(`第${old.serial}号`);
      // Fetched again after it was revoked, the letter says so, and is stamped across its three parts.
      const revokedText = (await readPdf((await getPdf('lost1', lost.id)).body)).pages.join('');
      expect(revokedText).toContain('本介绍信已作废，不能用于办理组织关系转接');
      expect(revokedText.split('作废').length - 1).toBeGreaterThanOrEqual(4);
      const re = await tc.step('committeeA', lost.id, 'reissue', 'LETTER_ISSUED');
      const fresh = re.letter as { serial: string; verifyUrl: string };
      expect((await verify(tokenOf(fresh))).body).toMatchObject({ status: 'valid', serial: fresh.serial });
      expect((await verify(tokenOf(old))).body.status).toBe('revoked');
      const text = (await readPdf((await getPdf('committeeA', lost.id)).body)).pages.join('');
      expect(text).toContain(`补开，原介绍信第${old.serial}号作废`);
      expect(text).toContain(`第${fresh.serial}号`);

      const b = await tc.issued('bounced1', { channel: 'IN_COUNTY', destinationOrgId: t.county.orgs.branchB1.id, reason: 'GRADUATION' });
      await tc.step('committeeB', b.id, 'bounce', 'BOUNCED', { comment: '接收党组织名称有误' });
      const voided = await verify(tokenOf(b.letter as { verifyUrl: string })).expect(200);
      expect(voided.body.status).toBe('revoked');
      // Corrected and re-issued after the bounce: a new number, and no 补开 line (nothing was lost).
      const corrected = await tc.step('committeeA', b.id, 'reissue', 'LETTER_ISSUED');
      const correctedText = (await readPdf((await getPdf('committeeA', b.id)).body)).pages.join('');
      expect(correctedText).toContain(`第${(corrected.letter as { serial: string }).serial}号`);
      expect(correctedText).not.toContain('补开');
    });

    it('reads “expired” once the validity has passed, even before the job has run', async () => {
      const e = await tc.issued('expired1', OUTSIDE.IN_PROVINCE);
      const letter = e.letter as { verifyUrl: string };
      await t.ds.query('UPDATE letters SET valid_until = ? WHERE transfer_id = ?', [new Date(Date.now() - 1000), e.id]);
      const v = await verify(tokenOf(letter)).expect(200);
      expect(v.body.status).toBe('expired');
      expect((await tc.get('committeeA', e.id)).letter).toMatchObject({ status: 'EXPIRED' });
      const text = (await readPdf((await getPdf('expired1', e.id)).body)).pages.join('');
      expect(text).toContain('本介绍信已超过有效期，不能用于办理组织关系转接');
      expect(text).toContain('已过期');
    });

    it('an unknown or malformed token is a plain 404', async () => {
      for (const token of ['AAAAAAAAAAAAAAAAAAAAAA', 'short', 'x'.repeat(200), '%27%20OR%201%3D1--', 'AAAAAAAAAAAAAAAAAAAAA%2F']) {
        const r = await verify(token);
        expect(r.status, token).toBe(404);
        expect(r.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) });
      }
    });
  });
});
