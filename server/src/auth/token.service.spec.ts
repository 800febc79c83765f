import { JwtService } from '@nestjs/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../config/app.config';
import { TokenService } from './token.service';

const config = {
  auth: { jwtSecret: 'a test secret of thirty-two chars!', jwtPreviousSecrets: [], jwtIssuer: 'zhdj', jwtAudience: 'zhdj-web', accessTtlSeconds: 60 },
} as unknown as AppConfig;

describe('TokenService: verified access tokens are remembered', () => {
  afterEach(() => vi.useRealTimers());

  it('checks a token’s signature once, and answers it again from memory', async () => {
    const jwt = new JwtService({});
    const tokens = new TokenService(jwt, config);
    const verify = vi.spyOn(jwt, 'verifyAsync');
    const token = await tokens.signAccess({ sub: 7, sid: 3 });
    expect(await tokens.verifyAccess(token)).toEqual({ sub: 7, sid: 3 });
    expect(await tokens.verifyAccess(token)).toEqual({ sub: 7, sid: 3 });
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('still refuses a remembered token once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T08:00:00Z'));
    const tokens = new TokenService(new JwtService({}), config);
    const token = await tokens.signAccess({ sub: 7, sid: 3 });
    await tokens.verifyAccess(token);
    vi.setSystemTime(new Date('2026-11-28T08:00:59Z'));
    expect(await tokens.verifyAccess(token)).toEqual({ sub: 7, sid: 3 });
    vi.setSystemTime(new Date('2026-11-28T08:01:00Z'));
    await expect(tokens.verifyAccess(token)).rejects.toMatchObject({ response: { code: 'TOKEN_EXPIRED' } });
  });

  it('does not take a token that differs from a remembered one in any byte', async () => {
    const tokens = new TokenService(new JwtService({}), config);
    const token = await tokens.signAccess({ sub: 7, sid: 3 });
    await tokens.verifyAccess(token);
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: '1' })).toString('base64url');
    await expect(tokens.verifyAccess(`${header}.${forged}.${signature}`)).rejects.toMatchObject({ response: { code: 'UNAUTHENTICATED' } });
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
    await expect(tokens.verifyAccess(`${header}.${payload}.${flipped}`)).rejects.toMatchObject({ response: { code: 'UNAUTHENTICATED' } });
  });

  it('stays bounded: a full memory is emptied, and tokens are checked afresh', async () => {
    const jwt = new JwtService({});
    const tokens = new TokenService(jwt, config);
    const verify = vi.spyOn(jwt, 'verifyAsync');
    const first = await tokens.signAccess({ sub: 1, sid: 1 });
    await tokens.verifyAccess(first);
    const cache = (tokens as unknown as { verified: Map<string, unknown> }).verified;
    for (let i = cache.size; i < TokenService.VERIFIED_CACHE_SIZE; i++) cache.set(`filler-${i}`, { sub: 0, sid: 0, expiresAt: Date.now() + 60_000 });
    await tokens.verifyAccess(await tokens.signAccess({ sub: 2, sid: 2 }));
    expect(cache.size).toBe(1);
    await tokens.verifyAccess(first);
    expect(verify).toHaveBeenCalledTimes(3);
  });
});
