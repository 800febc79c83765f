import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app.config';

/**
 * Account secrets at rest, the same way as ID numbers (common/crypto/id-number-cipher.ts): AES-256-GCM with a
 * random IV per value. Its keys are derived from DATA_KEY with HKDF under their own labels, so they are
 * independent of the ID-number keys and of each other.
 */
@Injectable()
export class SecretBox {
  private readonly totpKey: Buffer;
  private readonly recoveryKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'crypto'>) {
    const key = config.crypto.dataKey;
    this.totpKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'zhdj totp-secret encryption v1', 32));
    this.recoveryKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'zhdj recovery-code hash v1', 32));
  }

  encryptTotp(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.totpKey, iv);
    cipher.setAAD(Buffer.from('totp'));
    const ct = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return 'v1:' + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
  }

  decryptTotp(stored: string): string {
    if (!stored.startsWith('v1:')) throw new Error('Unknown TOTP ciphertext version');
    const raw = Buffer.from(stored.slice(3), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.totpKey, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from('totp'));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /**
   * Recovery codes carry 50 random bits, so a keyed hash (not a slow one) is enough and allows an indexed look-up.
   * Normalised first: case and the dash do not matter.
   */
  hashRecoveryCode(code: string): string {
    const normalized = code.toLowerCase().replace(/[^a-z0-9]/g, '');
    return createHmac('sha256', this.recoveryKey).update(normalized).digest('hex');
  }
}
