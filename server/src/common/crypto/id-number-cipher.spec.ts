import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IdNumberCipher } from './id-number-cipher';

const ID = '11010519491231002X';
const cipher = (key = randomBytes(32)) => new IdNumberCipher({ crypto: { dataKey: key } });

describe('IdNumberCipher', () => {
  it('encrypts with a fresh IV each time and decrypts back', () => {
    const sut = cipher();
    const a = sut.encrypt(ID);
    const b = sut.encrypt(ID);
    expect(a).not.toBe(b);
    expect(a).not.toContain(ID);
    expect(a.length).toBeLessThanOrEqual(120); // the column's width
    expect(sut.decrypt(a)).toBe(ID);
  });

  it('protects a number as ciphertext, look-up hash and mask, normalising case and spaces', () => {
    const sut = cipher();
    const p = sut.protect(' 11010519491231002x ');
    expect(sut.decrypt(p.enc)).toBe(ID);
    expect(p.hash).toBe(sut.hash(ID));
    expect(p.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(p.masked).toBe('1101**********002X');
  });

  it('keys the hash: another DATA_KEY gives another hash and cannot decrypt', () => {
    const one = cipher();
    const other = cipher();
    expect(one.hash(ID)).not.toBe(other.hash(ID));
    expect(() => other.decrypt(one.encrypt(ID))).toThrow();
  });

  it('detects tampering with the ciphertext', () => {
    const sut = cipher();
    const raw = Buffer.from(sut.encrypt(ID).slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => sut.decrypt('v1:' + raw.toString('base64'))).toThrow();
    expect(() => sut.decrypt('v0:abc')).toThrow();
  });
});
