import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Permission, chinaDate } from '@zhdj/shared';
import { XLSX, streamDownload } from '../common/download';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { ApiExportLanguage, ExportLang } from '../common/decorators/export-language.decorator';
import type { ExportLanguage } from '../common/language';
import { Permit } from '../common/decorators/permit.decorator';
import { AuditChainService } from './audit-chain.service';
import { AuditQueryService } from './audit-query.service';
import { AuditQuery } from './dto/audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly query: AuditQueryService,
    private readonly chain: AuditChainService,
  ) {}

  @Get()
  @Permit(Permission.AUDIT_READ)
  @ApiOkResponse({ description: 'Audit records, newest first (keyset-paginated)' })
  search(@Query() q: AuditQuery) {
    return this.query.search(q);
  }

  @Get('verify')
  @Permit(Permission.AUDIT_READ)
  @ApiOkResponse({ description: 'Checks the hash chain; names the first broken record' })
  verify() {
    return this.chain.verify();
  }

  @Get('export')
  @Permit(Permission.AUDIT_READ)
  @ApiProduces(XLSX)
  @ApiExportLanguage()
  export(@CurrentActor() actor: Actor, @Query() q: AuditQuery, @ExportLang() lang: ExportLanguage) {
    return streamDownload(
      (out) => this.query.export(actor, q, out, lang),
      XLSX,
      `attachment; filename="audit-${chinaDate()}.xlsx"`,
    );
  }
}
