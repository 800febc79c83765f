import { Inject, Injectable } from '@nestjs/common';
import { maskIdNumber, normalizeIdNumber } from '@zhdj/shared';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';

export interface ProtectedIdNumber {
  enc: string;
  hash: string;
  masked: string;
}

/**
 * ID numbers at rest: AES-256-GCM with a random IV per value, plus a keyed HMAC-SHA256 for exact look-up and
 * uniqueness. Both keys are derived from DATA_KEY with HKDF so they are independent of each other.
 */
@Injectable()
export class IdNumberCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'crypto'>) {
    const key = config.crypto.dataKey;
    this.encKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'zhdj id-number encryption v1', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'zhdj id-number lookup v1', 32));
  }

  protect(idNumber: string): ProtectedIdNumber {
    const plain = normalizeIdNumber(idNumber);
    return { enc: this.encrypt(plain), hash: this.hash(plain), masked: maskIdNumber(plain) };
  }

  hash(idNumber: string): string {
    return createHmac('sha256', this.macKey).update(normalizeIdNumber(idNumber)).digest('hex');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return 'v1:' + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
  }

  decrypt(stored: string): string {
    if (!stored.startsWith('v1:')) throw new Error('Unknown ID number ciphertext version');
    const raw = Buffer.from(stored.slice(3), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
