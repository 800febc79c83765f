import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ErrorCode, RECOVERY_CODE_COUNT, type MfaStatus, type TotpConfirmed, type TotpSetup } from '@zhdj/shared';
import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import { randomInt } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { Db } from '../common/database/db.service';
import { AppException, conflict, forbidden, invalidField } from '../common/errors/app.exception';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { RecoveryCode } from './entities/recovery-code.entity';
import { UserTotp } from './entities/user-totp.entity';
import { User } from './entities/user.entity';
import { LoginAttempts } from './login-attempts.service';
import { PasswordService } from './password.service';
import { SecretBox } from './secret-box';

const STEP_SECONDS = 30;
/** Without look-alikes (0/o, 1/l/i): 31 symbols, so ten of them carry about 49 random bits. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, one step of drift either way) for administrators, with one-time
 * recovery codes. A code is accepted once: the last accepted step is stored and only a later one passes.
 */
@Injectable()
export class MfaService {
  private readonly totp = authenticator.clone({ step: STEP_SECONDS, window: 1, digits: 6 });

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly passwords: PasswordService,
    private readonly attempts: LoginAttempts,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** TOTP is for administrators (anyone holding an admin role). */
  static available(actor: Actor): boolean {
    return actor.assignments.length > 0;
  }

  async status(actor: Actor): Promise<MfaStatus> {
    const row = await this.db.em.findOne(UserTotp, { where: { userId: actor.userId } });
    const left = row?.enabledAt ? await this.db.em.count(RecoveryCode, { where: { userId: actor.userId, usedAt: IsNull() } }) : 0;
    const available = MfaService.available(actor);
    return {
      totpEnabled: !!row?.enabledAt,
      enabledAt: row?.enabledAt?.toISOString() ?? null,
      recoveryCodesLeft: left,
      available,
      required: available && this.config.auth.mfaRequiredForAdmins,
    };
  }

  /** Starts (or restarts) enrolment: a new secret, kept pending until a code from it confirms it. */
  async setup(actor: Actor): Promise<TotpSetup> {
    if (!MfaService.available(actor)) throw forbidden('Two-factor sign-in is for administrators');
    const secret = this.totp.generateSecret(20);
    await this.db.tx(async (em) => {
      const row = await em.findOne(UserTotp, { where: { userId: actor.userId } });
      if (row?.enabledAt) throw conflict(ErrorCode.MFA_ALREADY_ENABLED, 'Two-factor sign-in is already on; turn it off first to enrol again');
      const pendingEnc = this.box.encryptTotp(secret);
      if (row) await em.update(UserTotp, { id: row.id }, { pendingEnc, updatedAt: new Date() });
      else await em.insert(UserTotp, { userId: actor.userId, secretEnc: null, pendingEnc, enabledAt: null, lastStep: null, updatedAt: new Date() });
      await this.audit.record(em, actor, { action: 'auth.mfa.setup', targetType: 'user', targetId: actor.userId });
    });
    const otpauthUrl = this.totp.keyuri(actor.username, this.config.auth.totpIssuer, secret);
    const svg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret, otpauthUrl, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  }

  /** A code from the pending secret turns TOTP on and issues the recovery codes (shown this once). */
  async confirm(actor: Actor, code: string): Promise<TotpConfirmed> {
    if (!MfaService.available(actor)) throw forbidden('Two-factor sign-in is for administrators');
    const codes = this.newRecoveryCodes();
    await this.db.tx(async (em) => {
      const row = await em.findOne(UserTotp, { where: { userId: actor.userId } });
      if (row?.enabledAt) throw conflict(ErrorCode.MFA_ALREADY_ENABLED, 'Two-factor sign-in is already on');
      if (!row?.pendingEnc) throw conflict(ErrorCode.MFA_SETUP_MISSING, 'Start the set-up first');
      const step = this.stepOf(this.box.decryptTotp(row.pendingEnc), code);
      if (step === null) throw new AppException(HttpStatus.BAD_REQUEST, ErrorCode.MFA_CODE_INVALID, 'That code is not right: check the time on your phone and try the current code');
      const now = new Date();
      // Conditional on the same pending secret: of two confirmations racing, one wins.
      const moved = await em.update(UserTotp, { id: row.id, pendingEnc: row.pendingEnc }, { secretEnc: row.pendingEnc, pendingEnc: null, enabledAt: now, lastStep: step, updatedAt: now });
      if (!moved.affected) throw conflict(ErrorCode.MFA_SETUP_MISSING, 'Start the set-up first');
      await this.replaceRecoveryCodes(em, actor.userId, codes, now);
      await this.audit.record(em, actor, { action: 'auth.mfa.enabled', targetType: 'user', targetId: actor.userId, detail: { recoveryCodes: codes.length } });
    });
    return { recoveryCodes: codes };
  }

  /** Turns TOTP off, proven by a current code or the password; a failure counts towards the lock-out. */
  async disable(actor: Actor, proof: { code?: string; password?: string }): Promise<void> {
    if ((proof.code === undefined) === (proof.password === undefined)) {
      throw invalidField('code', 'exactlyOne', 'Give either a current code or the password');
    }
    const user = await this.db.em.findOneOrFail(User, { where: { id: actor.userId } });
    const row = await this.db.em.findOne(UserTotp, { where: { userId: actor.userId } });
    if (!row?.enabledAt || !row.secretEnc) throw conflict(ErrorCode.MFA_NOT_ENABLED, 'Two-factor sign-in is not on');
    const client = { ip: actor.ip, userAgent: '' };
    await this.attempts.assertNotLocked(user, client);
    const ok = proof.code !== undefined ? await this.acceptTotp(row, proof.code) : await this.passwords.verify(user.passwordHash, proof.password ?? '');
    if (!ok) {
      await this.attempts.fail(user, proof.code !== undefined ? 'badMfaCode' : 'badPassword', client);
      throw proof.code !== undefined
        ? new AppException(HttpStatus.FORBIDDEN, ErrorCode.MFA_CODE_INVALID, 'That code is not right')
        : new AppException(HttpStatus.FORBIDDEN, ErrorCode.PASSWORD_INCORRECT, 'The password is not right');
    }
    await this.db.tx(async (em) => {
      await em.delete(UserTotp, { userId: actor.userId });
      await em.delete(RecoveryCode, { userId: actor.userId });
      await this.audit.record(em, actor, { action: 'auth.mfa.disabled', targetType: 'user', targetId: actor.userId, detail: { by: proof.code !== undefined ? 'code' : 'password' } });
    });
  }

  /** New recovery codes for old (all old ones stop working), proven by a current code. */
  async regenerateRecoveryCodes(actor: Actor, code: string): Promise<TotpConfirmed> {
    const user = await this.db.em.findOneOrFail(User, { where: { id: actor.userId } });
    const row = await this.db.em.findOne(UserTotp, { where: { userId: actor.userId } });
    if (!row?.enabledAt || !row.secretEnc) throw conflict(ErrorCode.MFA_NOT_ENABLED, 'Two-factor sign-in is not on');
    const client = { ip: actor.ip, userAgent: '' };
    await this.attempts.assertNotLocked(user, client);
    if (!(await this.acceptTotp(row, code))) {
      await this.attempts.fail(user, 'badMfaCode', client);
      throw new AppException(HttpStatus.FORBIDDEN, ErrorCode.MFA_CODE_INVALID, 'That code is not right');
    }
    const codes = this.newRecoveryCodes();
    await this.db.tx(async (em) => {
      await this.replaceRecoveryCodes(em, actor.userId, codes, new Date());
      await this.audit.record(em, actor, { action: 'auth.mfa.recoveryCodes', targetType: 'user', targetId: actor.userId, detail: { recoveryCodes: codes.length } });
    });
    return { recoveryCodes: codes };
  }

  /** The user's enabled TOTP, or null. */
  async enabledFor(userId: number): Promise<UserTotp | null> {
    const row = await this.db.em.findOne(UserTotp, { where: { userId } });
    return row?.enabledAt && row.secretEnc ? row : null;
  }

  /**
   * Checks a code and spends its time step: a conditional update accepts only a step later than the last accepted
   * one, so a code (even one intercepted) works once, and of two concurrent uses exactly one wins.
   */
  async acceptTotp(row: UserTotp, code: string): Promise<boolean> {
    if (!row.secretEnc) return false;
    const step = this.stepOf(this.box.decryptTotp(row.secretEnc), code);
    if (step === null) return false;
    const spent = await this.db.em
      .createQueryBuilder()
      .update(UserTotp)
      .set({ lastStep: step, updatedAt: new Date() })
      .where('id = :id AND (last_step IS NULL OR last_step < :step)', { id: row.id, step })
      .execute();
    return (spent.affected ?? 0) > 0;
  }

  /** Spends a recovery code of this user; true when it was unused. */
  async acceptRecoveryCode(userId: number, code: string): Promise<boolean> {
    const spent = await this.db.em
      .createQueryBuilder()
      .update(RecoveryCode)
      .set({ usedAt: new Date() })
      .where('code_hash = :hash AND user_id = :userId AND used_at IS NULL', { hash: this.box.hashRecoveryCode(code), userId })
      .execute();
    return (spent.affected ?? 0) > 0;
  }

  recoveryCodesLeft(userId: number): Promise<number> {
    return this.db.em.count(RecoveryCode, { where: { userId, usedAt: IsNull() } });
  }

  /** The time step a valid code belongs to, or null. */
  private stepOf(secret: string, code: string): number | null {
    if (!/^\d{6}$/.test(code)) return null;
    const now = Date.now();
    const delta = this.totp.clone({ epoch: now }).checkDelta(code, secret);
    return delta === null ? null : Math.floor(now / 1000 / STEP_SECONDS) + delta;
  }

  private newRecoveryCodes(): string[] {
    const one = () => Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    const codes = new Set<string>();
    while (codes.size < RECOVERY_CODE_COUNT) codes.add(one());
    return [...codes].map((c) => `${c.slice(0, 5)}-${c.slice(5)}`);
  }

  private async replaceRecoveryCodes(em: EntityManager, userId: number, codes: string[], now: Date): Promise<void> {
    await em.delete(RecoveryCode, { userId });
    await em.insert(
      RecoveryCode,
      codes.map((c) => ({ userId, codeHash: this.box.hashRecoveryCode(c), createdAt: now, usedAt: null })),
    );
  }
}
