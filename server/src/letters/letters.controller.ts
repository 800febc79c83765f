import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../common/decorators/public.decorator';
import { LetterVerificationDto } from '../transfers/dto/transfer.response';
import { LettersService } from './letters.service';
import { VerifyThrottlerGuard } from './verify-throttler.guard';

@ApiTags('letters')
@Controller('letters')
export class LettersController {
  constructor(private readonly letters: LettersService) {}

  /** Public, rate-limited: what a receiver scanning the QR code needs to trust the paper — nothing more. */
  @Public()
  @UseGuards(VerifyThrottlerGuard)
  @SkipThrottle({ default: true })
  @Get('verify/:token')
  @ApiOkResponse({ type: LetterVerificationDto })
  verify(@Param('token') token: string) {
    return this.letters.verify(token);
  }
}
