import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/decorators/public.decorator';
import { RateLimited } from '../common/decorators/rate-limited.decorator';
import { LetterVerificationDto } from '../transfers/dto/transfer.response';
import { LettersService } from './letters.service';

@ApiTags('letters')
@Controller('letters')
export class LettersController {
  constructor(private readonly letters: LettersService) {}

  /** Public, rate-limited: what a receiver scanning the QR code needs to trust the paper — nothing more. */
  @Public()
  @RateLimited('verify')
  @Get('verify/:token')
  @ApiOkResponse({ type: LetterVerificationDto })
  verify(@Param('token') token: string) {
    return this.letters.verify(token);
  }
}
