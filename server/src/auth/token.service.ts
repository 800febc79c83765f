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

/** Access tokens are short-lived JWTs (one algorithm, issuer and audience checked); refresh tokens are opaque. */
@Injectable()
export class TokenService {
  /**
   * A KeyObject made once: given a string, jsonwebtoken builds (and first tries to parse as a public key) a key object
   * on every verify, which was a fifth of the CPU of a simple authenticated request.
   */
  private readonly key: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8'));
  }

  signAccess(claims: AccessClaims): Promise<string> {
    const a = this.config.auth;
    return this.jwt.signAsync(
      { sid: claims.sid },
      {
        secret: this.key as unknown as string,
        algorithm: 'HS256',
        subject: String(claims.sub),
        issuer: a.jwtIssuer,
        audience: a.jwtAudience,
        expiresIn: a.accessTtlSeconds,
      },
    );
  }

  async verifyAccess(token: string): Promise<AccessClaims> {
    const a = this.config.auth;
    try {
      const p = await this.jwt.verifyAsync<{ sub: string; sid: number }>(token, {
        secret: this.key as unknown as string,
        algorithms: ['HS256'],
        issuer: a.jwtIssuer,
        audience: a.jwtAudience,
      });
      const sub = Number(p.sub);
      if (!Number.isInteger(sub) || !Number.isInteger(p.sid)) throw new Error('malformed claims');
      return { sub, sid: p.sid };
    } catch (e) {
      if ((e as Error).name === 'TokenExpiredError') throw unauthorized(ErrorCode.TOKEN_EXPIRED, 'Your session has expired');
      throw unauthorized(ErrorCode.UNAUTHENTICATED, 'Invalid access token');
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
