import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest as Request } from 'fastify';
import type { Actor } from '../common/actor';
import { Authenticated } from '../common/decorators/permit.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { Public } from '../common/decorators/public.decorator';
import { RateLimited } from '../common/decorators/rate-limited.decorator';
import { AllowDuringMfaEnrolment } from '../common/decorators/allow-during-mfa-enrolment.decorator';
import { AuthService, type ClientInfo } from './auth.service';
import { ExpiredPasswordDto, LoginMfaDto } from './dto/account.dto';
import { PasswordPolicyDto } from './dto/account.response';
import { LoginDto, RefreshDto } from './dto/login.dto';
import { LoginResponseDto, SessionUserDto } from './dto/session.response';
import { PasswordPolicyService } from './password-policy.service';

const client = (req: Request): ClientInfo => ({ ip: req.ip ?? '', userAgent: String(req.headers['user-agent'] ?? '') });

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly policy: PasswordPolicyService,
  ) {}

  @Public()
  @RateLimited('login')
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto, description: 'Or, for an account with two-factor sign-in, { mfaRequired: true, mfaToken, expiresIn }' })
  login(@Body() dto: LoginDto, @Req() req: Request) {
    return this.auth.login(dto.username, dto.password, client(req));
  }

  @Public()
  @RateLimited('login')
  @Post('auth/login/mfa')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  loginMfa(@Body() dto: LoginMfaDto, @Req() req: Request) {
    return this.auth.loginMfa(dto.mfaToken, { code: dto.code, recoveryCode: dto.recoveryCode }, client(req));
  }

  @Public()
  @RateLimited('login')
  @Post('auth/password/expired')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  changeExpired(@Body() dto: ExpiredPasswordDto, @Req() req: Request) {
    return this.auth.changeExpiredPassword(dto.changeToken, dto.newPassword, client(req));
  }

  @Public()
  @Get('auth/password-policy')
  @ApiOkResponse({ type: PasswordPolicyDto })
  passwordPolicy() {
    return this.policy.policy;
  }

  // A budget of its own, generous where login's is strict: see AuthModule.
  @Public()
  @RateLimited('refresh')
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  refresh(@Body() dto: RefreshDto, @Req() req: Request) {
    return this.auth.refresh(dto.refreshToken, client(req));
  }

  @ApiBearerAuth()
  @Authenticated()
  @AllowDuringMfaEnrolment()
  @Post('auth/logout')
  @HttpCode(204)
  logout(@CurrentActor() actor: Actor) {
    return this.auth.logout(actor);
  }

  @ApiBearerAuth()
  @Authenticated()
  @AllowDuringMfaEnrolment()
  @Get('me')
  @ApiOkResponse({ type: SessionUserDto })
  me(@CurrentActor() actor: Actor) {
    return this.auth.sessionUser(actor);
  }
}
