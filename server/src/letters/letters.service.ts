import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  maskName,
  type LetterView,
  type OrgRef,
  type TransferChannel,
} from '@zhdj/shared';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { shanghaiDate, shanghaiInstant, addDays } from '../common/calendar/china-calendar';
import { IdNumberCipher } from '../common/crypto/id-number-cipher';
import { Db, toDate } from '../common/database/db.service';
import { AppException, notFound } from '../common/errors/app.exception';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { Member } from '../members/entities/member.entity';
import { Organization } from '../organizations/entities/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import type { Transfer } from '../transfers/entities/transfer.entity';
import { LetterPrint } from './entities/letter-print.entity';
import { Letter, type LetterStatus } from './entities/letter.entity';
import { renderLetterPdf, type LetterSnapshot } from './letter-pdf';
import { letterSnapshot } from './letter-snapshot';

export interface LetterVerification {
  status: 'valid' | 'expired' | 'used' | 'revoked';
  serial: string;
  issuer: string;
  receiver: string;
  issuedAt: string;
  validUntil: string;
  memberName: string;
}

/** A letter as the tracker reads it (LettersService.views), in the raw row's column names. */
interface LetterRow {
  id: number;
  transfer_id: number;
  serial: string;
  token: string;
  issuer_org_id: number;
  issued_at: unknown;
  valid_until: unknown;
  validity_days: number;
  status: LetterStatus;
  addressee: string;
  reissue_of: string | null;
  print_count: number | string;
}

/** What the tracker shows of a letter, without its snapshot (read only to print it), with its print count. (bench/baseline.mjs reads it too.) */
export const LETTER_VIEW_SQL = `SELECT l.id, l.transfer_id, l.serial, l.token, l.issuer_org_id, l.issued_at, l.valid_until, l.validity_days, l.status,
         l.addressee, l.reissue_of, (SELECT COUNT(*) FROM letter_prints p WHERE p.letter_id = l.id) AS print_count
       FROM letters l`;

@Injectable()
export class LettersService {
  constructor(
    private readonly db: Db,
    private readonly cipher: IdNumberCipher,
    private readonly orgs: OrganizationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  verifyUrl(token: string): string {
    return `${this.config.transfers.publicBaseUrl}/verify/${token}`;
  }

  validityDays(channel: TransferChannel): number {
    return Math.min(180, this.config.transfers.letterValidityDays[channel]);
  }

  /**
   * Issues a new letter for a transfer inside the caller's transaction. The serial comes from the issuer's yearly
   * sequence, advanced with a row-locking update, so concurrent issues never share a number (a unique index backs it).
   */
  async issue(em: EntityManager, t: Transfer, actor: Actor, reissueOf: Letter | null): Promise<Letter> {
    const issuer = await em.findOneByOrFail(Organization, { id: t.issuerOrgId! });
    const member = await em.findOneByOrFail(Member, { id: t.memberId! });
    const now = new Date();
    const today = shanghaiDate(now);
    const year = Number(today.slice(0, 4));
    const seq = await this.nextSequence(em, issuer.id, year);
    const serial = `${year}${issuer.code.replace(/[^A-Za-z0-9]/g, '')}${String(seq).padStart(3, '0')}`;
    const days = this.validityDays(t.channel);
    const sourceName = (await em.findOneByOrFail(Organization, { id: t.sourceOrgId! })).name;
    const snapshot = letterSnapshot({ serial, transfer: t, member, issuer, sourceName, issuedDate: today, validityDays: days, reissueOf: reissueOf?.serial ?? null });
    const validUntilDate = snapshot.validUntilDate;
    const addressee = snapshot.addressee;
    const letter = em.create(Letter, {
      transferId: t.id,
      serial,
      token: randomBytes(16).toString('base64url'),
      issuerOrgId: issuer.id,
      issuedAt: now,
      // Valid through the last day, Xinyi time.
      validUntil: new Date(shanghaiInstant(addDays(validUntilDate, 1)).getTime() - 1),
      validityDays: days,
      status: 'VALID',
      addressee,
      reissueOf: reissueOf?.serial ?? null,
      snapshot: JSON.stringify(snapshot),
      issuedByUserId: actor.userId > 0 ? actor.userId : null,
      closedAt: null,
    });
    await em.insert(Letter, letter);
    return letter;
  }

  private async nextSequence(em: EntityManager, issuerOrgId: number, year: number): Promise<number> {
    // One statement that creates or advances the row under an exclusive lock. (INSERT IGNORE then UPDATE took a
    // shared lock first, and two issuers upgrading it at once deadlocked on MySQL.)
    const upsert = this.db.sqlite
      ? 'INSERT INTO letter_sequences (issuer_org_id, year, last_value) VALUES (?, ?, 1) ON CONFLICT (issuer_org_id, year) DO UPDATE SET last_value = last_value + 1'
      : 'INSERT INTO letter_sequences (issuer_org_id, year, last_value) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE last_value = last_value + 1';
    await em.query(upsert, [issuerOrgId, year]);
    const [row] = await em.query('SELECT last_value FROM letter_sequences WHERE issuer_org_id = ? AND year = ?', [issuerOrgId, year]);
    return Number(row.last_value);
  }


  /** The letter in force for a transfer (the newest). */
  current(em: EntityManager, transferId: number): Promise<Letter | null> {
    return em.findOne(Letter, { where: { transferId }, order: { id: 'DESC' } });
  }

  async close(em: EntityManager, letter: Letter | null, status: LetterStatus, from: 'VALID' | 'EXPIRED' = 'VALID'): Promise<void> {
    if (!letter || letter.status !== from) return;
    await em.update(Letter, { id: letter.id, status: from }, { status, closedAt: new Date() });
    letter.status = status;
  }

  /** The letters of these transfers as the tracker shows them; `known` names organisations already read (issuers not in it are read). */
  async views(transferIds: number[], known: ReadonlyMap<number, OrgRef> = new Map()): Promise<Map<number, LetterView[]>> {
    const out = new Map<number, LetterView[]>();
    if (!transferIds.length) return out;
    // In one statement (the print count is a range of the prints' letter index). One transfer's letters (a detail's, on
    // every member's home screen) by `=`, which MySQL reads as a prepared statement; a list of ids stays text.
    const rows = await this.db.query<LetterRow>(
      `${LETTER_VIEW_SQL} WHERE l.transfer_id ${transferIds.length === 1 ? '= ?' : `IN (${transferIds.map(() => '?').join(', ')})`} ORDER BY l.id DESC`,
      transferIds,
    );
    if (!rows.length) return out;
    const letters = rows.map((r) => ({
      id: Number(r.id),
      transferId: Number(r.transfer_id),
      serial: r.serial,
      token: r.token,
      issuerOrgId: Number(r.issuer_org_id),
      issuedAt: toDate(r.issued_at)!,
      validUntil: toDate(r.valid_until)!,
      validityDays: Number(r.validity_days),
      status: r.status,
      addressee: r.addressee,
      reissueOf: r.reissue_of,
      printCount: Number(r.print_count),
    }));
    const missing = new Set(letters.map((l) => l.issuerOrgId).filter((id) => !known.has(id)));
    const issuers = new Map([...known, ...(await this.orgs.refs(missing))]);
    for (const l of letters) {
      const list = out.get(l.transferId) ?? [];
      list.push({
        id: l.id,
        serial: l.serial,
        status: this.effectiveStatus(l),
        issuedAt: l.issuedAt.toISOString(),
        validUntil: l.validUntil.toISOString(),
        validityDays: l.validityDays,
        issuer: issuers.get(l.issuerOrgId)!,
        addressee: l.addressee,
        reissueOf: l.reissueOf,
        verifyUrl: this.verifyUrl(l.token),
        printCount: l.printCount,
      });
      out.set(l.transferId, list);
    }
    return out;
  }

  /** A valid letter past its last day is expired even before the scheduled job has marked it. */
  private effectiveStatus(l: Pick<Letter, 'status' | 'validUntil'>): LetterStatus {
    return l.status === 'VALID' && l.validUntil.getTime() < Date.now() ? 'EXPIRED' : l.status;
  }

  /** Public verification: what a receiver needs to trust the paper, and nothing more (the name is masked). */
  async verify(token: string): Promise<LetterVerification> {
    const letter = /^[A-Za-z0-9_-]{22}$/.test(token) ? (await this.db.load(Letter, 'token = ?', [token]))[0] : null;
    if (!letter) throw notFound('Letter');
    const snapshot = JSON.parse(letter.snapshot) as LetterSnapshot;
    const status = this.effectiveStatus(letter);
    return {
      status: status === 'VALID' ? 'valid' : status === 'USED' ? 'used' : status === 'EXPIRED' ? 'expired' : 'revoked',
      serial: letter.serial,
      issuer: snapshot.issuerName,
      receiver: snapshot.toOrgName,
      issuedAt: snapshot.issuedDate,
      validUntil: snapshot.validUntilDate,
      memberName: maskName(snapshot.memberName),
    };
  }

  /** The letter as a PDF; the caller has checked the actor may read the transfer. Each print is counted (a download is not). */
  /** The letter as a PDF; a print is counted by `countPrint`, in the transaction that audits it. */
  async pdf(transferId: number): Promise<{ letterId: number; serial: string; pdf: Buffer }> {
    const letter = await this.current(this.db.em, transferId);
    if (!letter) throw notFound('Letter');
    const font = this.config.transfers;
    if (!existsSync(font.pdfFontPath)) {
      throw new AppException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'PDF_FONT_MISSING',
        `The CJK font for letters is missing (${font.pdfFontPath}); install Debian's fonts-noto-cjk or set PDF_FONT_PATH`,
      );
    }
    const snapshot = JSON.parse(letter.snapshot) as LetterSnapshot;
    const status = this.effectiveStatus(letter);
    const pdf = await renderLetterPdf(
      snapshot,
      this.cipher.decrypt(snapshot.idNumberEnc),
      this.verifyUrl(letter.token),
      { path: font.pdfFontPath, family: font.pdfFontFamily },
      status === 'VALID' ? null : { status },
    );
    return { letterId: letter.id, serial: letter.serial, pdf };
  }

  /** Counts a print of a letter (who, when). */
  async countPrint(em: EntityManager, letterId: number, actor: Actor): Promise<void> {
    await em.insert(LetterPrint, { letterId, userId: actor.userId, at: new Date() });
  }
}
