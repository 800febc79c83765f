import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import type { Actor } from '../common/actor';
import { Authenticated } from '../common/decorators/permit.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { Public } from '../common/decorators/public.decorator';
import { AuthService, type ClientInfo } from './auth.service';
import { LoginDto, RefreshDto } from './dto/login.dto';
import { LoginResponseDto, SessionUserDto } from './dto/session.response';

const client = (req: Request): ClientInfo => ({ ip: req.ip ?? '', userAgent: String(req.headers['user-agent'] ?? '') });

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ verify: true })
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  login(@Body() dto: LoginDto, @Req() req: Request) {
    return this.auth.login(dto.username, dto.password, client(req));
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ verify: true })
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  refresh(@Body() dto: RefreshDto, @Req() req: Request) {
    return this.auth.refresh(dto.refreshToken, client(req));
  }

  @ApiBearerAuth()
  @Authenticated()
  @Post('auth/logout')
  @HttpCode(204)
  logout(@CurrentActor() actor: Actor) {
    return this.auth.logout(actor);
  }

  @ApiBearerAuth()
  @Authenticated()
  @Get('me')
  @ApiOkResponse({ type: SessionUserDto })
  me(@CurrentActor() actor: Actor) {
    return this.auth.sessionUser(actor);
  }
}
