import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ErrorCode } from '@zhdj/shared';
import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { unauthorized } from '../common/errors/app.exception';
import { APP_CONFIG, type AppConfig } from '../config/app.config';

export interface AccessClaims {
  sub: number;
  sid: number;
}

/** Single-purpose tokens: each has its own audience, so none can stand in for an access token or for another. */
export type TokenPurpose = 'mfa' | 'password-change';

/** A key id derived from the secret: operators rotate secrets without naming keys, and the id reveals nothing. */
export function keyIdOf(secret: string): string {
  return createHash('sha256').update('zhdj jwt key id v1\0' + secret).digest('base64url').slice(0, 16);
}

/**
 * Access tokens are short-lived JWTs (HS256 only, issuer and audience checked); refresh tokens are opaque. Each JWT
 * names its key in the `kid` header: JWT_SECRET signs, and JWT_PREVIOUS_SECRETS still verify, so a rotation logs
 * no one out. A token without a kid, or with one not configured, is refused.
 */
@Injectable()
export class TokenService {
  /**
   * KeyObjects made once: given a string, jsonwebtoken builds (and first tries to parse as a public key) a key object
   * on every verify, which was a fifth of the CPU of a simple authenticated request.
   */
  private readonly signing: { kid: string; key: KeyObject };
  private readonly verifying = new Map<string, KeyObject>();
  /**
   * Access tokens already verified, by their exact text, with their claims and expiry: an app sends the same token
   * with every request for its lifetime, and checking its signature each time was a tenth of a light request. Only a
   * byte-identical token is a hit (a changed signature or claim is a different key), expiry is checked at every hit,
   * and revocation does not depend on this (the session is read at every request). Bounded: emptied when full.
   */
  private readonly verified = new Map<string, AccessClaims & { expiresAt: number }>();
  static readonly VERIFIED_CACHE_SIZE = 20_000;

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const a = config.auth;
    this.signing = { kid: keyIdOf(a.jwtSecret), key: createSecretKey(Buffer.from(a.jwtSecret, 'utf8')) };
    for (const secret of [a.jwtSecret, ...a.jwtPreviousSecrets]) {
      this.verifying.set(keyIdOf(secret), createSecretKey(Buffer.from(secret, 'utf8')));
    }
  }

  get currentKeyId(): string {
    return this.signing.kid;
  }

  signAccess(claims: AccessClaims): Promise<string> {
    return this.sign({ sid: claims.sid }, String(claims.sub), this.config.auth.jwtAudience, this.config.auth.accessTtlSeconds);
  }

  async verifyAccess(token: string): Promise<AccessClaims> {
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return { sub: known.sub, sid: known.sid };
    try {
      const p = await this.verify<{ sub: string; sid: number; exp: number }>(token, this.config.auth.jwtAudience);
      const sub = Number(p.sub);
      if (!Number.isInteger(sub) || !Number.isInteger(p.sid) || !Number.isFinite(p.exp)) throw new Error('malformed claims');
      if (this.verified.size >= TokenService.VERIFIED_CACHE_SIZE) this.verified.clear();
      this.verified.set(token, { sub, sid: p.sid, expiresAt: p.exp * 1000 });
      return { sub, sid: p.sid };
    } catch (e) {
      if ((e as Error).name === 'TokenExpiredError') throw unauthorized(ErrorCode.TOKEN_EXPIRED, 'Your session has expired');
      throw unauthorized(ErrorCode.UNAUTHENTICATED, 'Invalid access token');
    }
  }

  /** A token for one step of a login (the MFA code, an expired password's change), bound to the user and `bind`. */
  signPurpose(purpose: TokenPurpose, userId: number, bind: string, ttlSeconds: number): Promise<string> {
    return this.sign({ bnd: bind }, String(userId), `${this.config.auth.jwtAudience}:${purpose}`, ttlSeconds);
  }

  /** The user id, or null when the token is invalid, expired, for another purpose, or no longer bound to `bindOf`. */
  async verifyPurpose(purpose: TokenPurpose, token: string): Promise<{ userId: number; bind: string } | null> {
    try {
      const p = await this.verify<{ sub: string; bnd: string }>(token, `${this.config.auth.jwtAudience}:${purpose}`);
      const userId = Number(p.sub);
      if (!Number.isInteger(userId) || typeof p.bnd !== 'string') return null;
      return { userId, bind: p.bnd };
    } catch {
      return null;
    }
  }

  private sign(payload: object, subject: string, audience: string, expiresIn: number): Promise<string> {
    return this.jwt.signAsync(payload, {
      secret: this.signing.key as unknown as string,
      algorithm: 'HS256',
      keyid: this.signing.kid,
      subject,
      issuer: this.config.auth.jwtIssuer,
      audience,
      expiresIn,
    });
  }

  private verify<T extends object>(token: string, audience: string): Promise<T> {
    const key = this.verifying.get(TokenService.keyIdOfToken(token) ?? '');
    if (!key) return Promise.reject(new Error('unknown key id'));
    return this.jwt.verifyAsync<T>(token, {
      secret: key as unknown as string,
      algorithms: ['HS256'],
      issuer: this.config.auth.jwtIssuer,
      audience,
    });
  }

  /** The `kid` of a compact JWT's header, without trusting anything else in it. */
  static keyIdOfToken(token: string): string | null {
    const dot = token.indexOf('.');
    if (dot <= 0 || dot > 200) return null;
    try {
      const header = JSON.parse(Buffer.from(token.slice(0, dot), 'base64url').toString('utf8')) as { kid?: unknown };
      return typeof header.kid === 'string' && header.kid.length <= 64 ? header.kid : null;
    } catch {
      return null;
    }
  }

  /** 256 random bits; only its SHA-256 is stored. */
  newRefreshToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: TokenService.hashRefresh(token) };
  }

  static hashRefresh(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
