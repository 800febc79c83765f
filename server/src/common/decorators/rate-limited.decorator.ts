import { UseGuards, applyDecorators } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { RateLimitGuard } from '../guards/rate-limit.guard';

/**
 * The per-address budgets, by the throttler names AuthModule configures. Login keeps the library's default name: its
 * headers then carry no suffix (`X-RateLimit-Limit`, not `X-RateLimit-Limit-login`).
 */
export const RATE_LIMITS = { login: 'default', verify: 'verify', refresh: 'refresh' } as const;
export type RateLimit = keyof typeof RATE_LIMITS;

/**
 * Counts a route against one budget and no other. The throttler guard applies every configured throttler unless a
 * route skips it, so without the skips here a new budget would silently also count (and refuse) every other
 * rate-limited route.
 */
export function RateLimited(budget: RateLimit) {
  const others = Object.entries(RATE_LIMITS).filter(([name]) => name !== budget);
  return applyDecorators(UseGuards(RateLimitGuard), SkipThrottle(Object.fromEntries(others.map(([, throttler]) => [throttler, true]))));
}
