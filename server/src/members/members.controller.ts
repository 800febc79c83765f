import { Body, Controller, HttpCode, Get, Param, ParseIntPipe, Patch, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor, type UploadedMultipartFile } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ErrorCode, Permission } from '@zhdj/shared';
import { XLSX, attachment, download, streamDownload } from '../common/download';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { Authenticated, Permit } from '../common/decorators/permit.decorator';
import { badRequest } from '../common/errors/app.exception';
import { CreateMemberDto, ListMembersQuery, MemberFilterQuery, UpdateMemberDto } from './dto/member.dto';
import { ImportResultDto, IssuedPasswordDto, MemberCountDto, MemberDetailDto, MemberPageDto, RevealedIdDto } from './dto/member.response';
import { MemberAccountService } from './member-account.service';
import { MemberExportService } from './member-export.service';
import { MemberImportService } from './member-import.service';
import { MembersService } from './members.service';

@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly importer: MemberImportService,
    private readonly exporter: MemberExportService,
    private readonly accounts: MemberAccountService,
  ) {}

  @Get()
  @Permit(Permission.MEMBER_READ)
  @ApiOkResponse({ type: MemberPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListMembersQuery) {
    return this.members.list(actor, query);
  }

  @Get('count')
  @Permit(Permission.MEMBER_READ)
  @ApiOkResponse({ type: MemberCountDto, description: 'How many members the filters match across all pages of the list' })
  async count(@CurrentActor() actor: Actor, @Query() query: MemberFilterQuery) {
    const { total } = await this.members.count(actor, query);
    return { total };
  }

  @Get('export')
  @Permit(Permission.MEMBER_EXPORT)
  @ApiProduces(XLSX)
  async export(@CurrentActor() actor: Actor, @Query() query: ListMembersQuery) {
    const { filename, write } = await this.exporter.prepare(actor, query);
    return streamDownload(write, XLSX, attachment(filename, 'members.xlsx'));
  }

  @Get('import-template')
  @Permit(Permission.MEMBER_IMPORT)
  @ApiProduces(XLSX)
  async template() {
    return download(await this.importer.template(), XLSX, attachment('党员信息导入模板.xlsx', 'members.xlsx'));
  }

  @Post('import')
  @Permit(Permission.MEMBER_IMPORT)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: ImportResultDto })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 0 } }))
  import(@CurrentActor() actor: Actor, @UploadedFile() file: UploadedMultipartFile | undefined) {
    if (!file) throw badRequest(ErrorCode.IMPORT_FILE_UNREADABLE, 'Attach the .xlsx file as the "file" field');
    return this.importer.import(actor, file.buffer ?? Buffer.alloc(0));
  }

  @Authenticated()
  @Get(':id')
  @ApiOkResponse({ type: MemberDetailDto, description: 'Administrators within scope, or the member themself' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.members.get(actor, id);
  }

  @Post()
  @Permit(Permission.MEMBER_WRITE)
  @ApiOkResponse({ type: MemberDetailDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateMemberDto) {
    return this.members.create(actor, dto);
  }

  @Patch(':id')
  @Permit(Permission.MEMBER_WRITE)
  @ApiOkResponse({ type: MemberDetailDto })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateMemberDto) {
    return this.members.update(actor, id, dto);
  }

  @Post(':id/reveal-id')
  @HttpCode(200)
  @Permit(Permission.MEMBER_REVEAL_ID)
  @ApiOkResponse({ type: RevealedIdDto, description: 'The full ID number; the reveal is audited' })
  revealId(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.members.revealId(actor, id);
  }

  @Post(':id/issue-password')
  @HttpCode(200)
  @Permit(Permission.MEMBER_WRITE)
  @ApiOkResponse({ type: IssuedPasswordDto, description: 'A temporary password to hand to the member (shown once); they choose their own at first login' })
  issuePassword(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.accounts.issuePassword(actor, id);
  }
}
