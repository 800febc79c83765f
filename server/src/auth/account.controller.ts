import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor';
import { AllowDuringMfaEnrolment } from '../common/decorators/allow-during-mfa-enrolment.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { Authenticated } from '../common/decorators/permit.decorator';
import { AccountService } from './account.service';
import { ChangePasswordDto, DisableTotpDto, TotpCodeDto } from './dto/account.dto';
import { EndedSessionsDto, MfaStatusDto, SessionInfoDto, TotpConfirmedDto, TotpSetupDto } from './dto/account.response';
import { MfaService } from './mfa.service';

/** Account security for the signed-in user: sessions, password, two-factor sign-in. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth')
export class AccountController {
  constructor(
    private readonly account: AccountService,
    private readonly mfa: MfaService,
  ) {}

  @Authenticated()
  @Get('sessions')
  @ApiOkResponse({ type: [SessionInfoDto] })
  sessions(@CurrentActor() actor: Actor) {
    return this.account.listSessions(actor);
  }

  @Authenticated()
  @Delete('sessions/:id')
  @HttpCode(204)
  endSession(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.account.endSession(actor, id);
  }

  @Authenticated()
  @Post('sessions/end-others')
  @HttpCode(200)
  @ApiOkResponse({ type: EndedSessionsDto })
  endOthers(@CurrentActor() actor: Actor) {
    return this.account.endOtherSessions(actor);
  }

  @Authenticated()
  @Post('password')
  @HttpCode(200)
  @ApiOkResponse({ type: EndedSessionsDto })
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto) {
    return this.account.changePassword(actor, dto.currentPassword, dto.newPassword);
  }

  @AllowDuringMfaEnrolment()
  @Authenticated()
  @Get('mfa')
  @ApiOkResponse({ type: MfaStatusDto })
  mfaStatus(@CurrentActor() actor: Actor) {
    return this.mfa.status(actor);
  }

  @AllowDuringMfaEnrolment()
  @Authenticated()
  @Post('mfa/totp/setup')
  @HttpCode(200)
  @ApiOkResponse({ type: TotpSetupDto })
  setup(@CurrentActor() actor: Actor) {
    return this.mfa.setup(actor);
  }

  @AllowDuringMfaEnrolment()
  @Authenticated()
  @Post('mfa/totp/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: TotpConfirmedDto })
  confirm(@CurrentActor() actor: Actor, @Body() dto: TotpCodeDto) {
    return this.mfa.confirm(actor, dto.code);
  }

  @Authenticated()
  @Post('mfa/totp/disable')
  @HttpCode(204)
  disable(@CurrentActor() actor: Actor, @Body() dto: DisableTotpDto) {
    return this.mfa.disable(actor, dto);
  }

  @Authenticated()
  @Post('mfa/recovery-codes')
  @HttpCode(200)
  @ApiOkResponse({ type: TotpConfirmedDto })
  recoveryCodes(@CurrentActor() actor: Actor, @Body() dto: TotpCodeDto) {
    return this.mfa.regenerateRecoveryCodes(actor, dto.code);
  }
}
