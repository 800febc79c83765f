import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, type Permission } from '@zhdj/shared';
import type { FastifyRequest as Request } from 'fastify';
import { ActorLoader } from '../../auth/actor.loader';
import { TokenService } from '../../auth/token.service';
import type { Actor } from '../actor';
import { ALLOW_DURING_MFA_ENROLMENT } from '../decorators/allow-during-mfa-enrolment.decorator';
import { REQUIRED_PERMISSION } from '../decorators/permit.decorator';
import { IS_PUBLIC } from '../decorators/public.decorator';
import { forbidden, unauthorized } from '../errors/app.exception';

/**
 * The global guard (architecture.md §4): every route needs a valid access token unless marked @Public, and the
 * permission named by @Permit. Scope (which organisations) is checked by the services.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly actors: ActorLoader,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9_.-]{10,2000})$/.exec(header);
    if (!match) throw unauthorized();
    const claims = await this.tokens.verifyAccess(match[1]);
    const actor = await this.actors.load(claims.sub, claims.sid, req.ip ?? '');
    req.actor = actor;
    if (actor.mfaEnrolmentRequired && !this.reflector.getAllAndOverride<boolean>(ALLOW_DURING_MFA_ENROLMENT, targets)) {
      throw forbidden('Set up two-factor sign-in first: it is required for administrators', ErrorCode.MFA_ENROLMENT_REQUIRED);
    }
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (permission && !actor.can(permission)) throw forbidden();
    return true;
  }
}
