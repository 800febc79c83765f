import { hash, verify } from '@node-rs/argon2';
import { Injectable } from '@nestjs/common';
import { PASSWORD_MAX, PASSWORD_MIN } from '@zhdj/shared';

/** argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane). */
const ARGON2_OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordService {
  /** A hash of a random string, verified against when the user does not exist so timing reveals nothing. */
  private dummy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (password.length > PASSWORD_MAX) return false;
    const target = passwordHash ?? (await (this.dummy ??= this.hash('no such user: ' + Math.random())));
    try {
      const ok = await verify(target, password);
      return ok && passwordHash !== null;
    } catch {
      return false;
    }
  }

  static isAcceptable(password: string): boolean {
    return password.length >= PASSWORD_MIN && password.length <= PASSWORD_MAX;
  }
}
