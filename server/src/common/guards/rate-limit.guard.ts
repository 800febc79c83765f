import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';

/**
 * `@nestjs/throttler`'s guard, answering every refusal with the standard `Retry-After`. A named throttler's 429
 * carries only `Retry-After-<name>` (`Retry-After-verify`, `Retry-After-refresh`), which browsers and the web client
 * (it waits that long before retrying a refused refresh) do not read. Routes take it through `@RateLimited`.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', String(detail.timeToBlockExpire));
    return super.throwThrottlingException(context, detail);
  }
}
