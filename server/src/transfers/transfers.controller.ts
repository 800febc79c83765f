import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Permission } from '@zhdj/shared';
import type { FastifyReply } from 'fastify';
import { XLSX, attachment, download, streamDownload } from '../common/download';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { ApiExportLanguage, ExportLang } from '../common/decorators/export-language.decorator';
import type { ExportLanguage } from '../common/language';
import { Authenticated, Permit } from '../common/decorators/permit.decorator';
import { CreateTransferDto, LetterPdfQuery, ListTransfersQuery, RecordTalkDto, RegisterInboundDto, TransferActionDto, TransferFilterQuery, UpdateTransferDto } from './dto/transfer.dto';
import { TransferDetailDto, TransferPageDto } from './dto/transfer.response';
import { TransferActionsService } from './transfer-actions.service';
import { TransferLedgerService } from './transfer-ledger.service';
import { TransferLetterService } from './transfer-letter.service';
import { TransferQueuesService } from './transfer-queues.service';
import { TransfersService } from './transfers.service';
import { OverviewQueryDto } from './dto/overview.dto';

@ApiTags('transfers')
@ApiBearerAuth()
@Controller('transfers')
export class TransfersController {
  constructor(
    private readonly transfers: TransfersService,
    private readonly actions: TransferActionsService,
    private readonly queues: TransferQueuesService,
    private readonly letter: TransferLetterService,
    private readonly ledger: TransferLedgerService,
  ) {}

  @Get()
  @Permit(Permission.TRANSFER_ACT)
  @ApiOkResponse({ type: TransferPageDto, description: 'todo: your turn; watching: open in your scope, someone else’s turn; done: you acted; all: every application in your scope (台账)' })
  list(@CurrentActor() actor: Actor, @Query() query: ListTransfersQuery) {
    return this.queues.list(actor, query);
  }

  @Get('waiting')
  @Permit(Permission.TRANSFER_ACT)
  @ApiOkResponse({ description: 'For the menu’s badge: { todo, overdue } — your to-do count and how many of them are overdue (each capped at 99, answered as 100 beyond)' })
  waiting(@CurrentActor() actor: Actor) {
    return this.queues.waiting(actor);
  }

  @Get('export')
  @Permit(Permission.TRANSFER_READ)
  @ApiProduces(XLSX)
  @ApiExportLanguage()
  async export(@CurrentActor() actor: Actor, @Query() query: TransferFilterQuery, @ExportLang() lang: ExportLanguage) {
    const { filename, write } = await this.ledger.prepare(actor, query, lang);
    return streamDownload(write, XLSX, attachment(filename, 'transfers.xlsx'));
  }

  @Get('mine')
  @Permit(Permission.TRANSFER_APPLY)
  @ApiOkResponse({ type: TransferDetailDto, description: 'The member’s current (or latest) transfer; null if none' })
  async mine(@CurrentActor() actor: Actor, @Res() res: FastifyReply) {
    // Written out so that "none" is the JSON `null` clients can parse, not an empty body.
    res.type('application/json; charset=utf-8').send(JSON.stringify(await this.transfers.mine(actor)));
  }

  @Get('overview')
  @Permit(Permission.TRANSFER_OVERVIEW)
  overview(@CurrentActor() actor: Actor, @Query() query: OverviewQueryDto) {
    return this.queues.overview(actor, query.orgId);
  }

  @Post()
  @Permit(Permission.TRANSFER_APPLY)
  @ApiOkResponse({ type: TransferDetailDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTransferDto) {
    return this.transfers.create(actor, dto);
  }

  @Post('inbound')
  @Permit(Permission.TRANSFER_REGISTER_INBOUND)
  @ApiOkResponse({ type: TransferDetailDto })
  registerInbound(@CurrentActor() actor: Actor, @Body() dto: RegisterInboundDto) {
    return this.transfers.registerInbound(actor, dto);
  }

  @Authenticated()
  @Get(':id')
  @ApiOkResponse({ type: TransferDetailDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.transfers.detail(actor, id, undefined, true);
  }

  @Patch(':id')
  @Permit(Permission.TRANSFER_APPLY)
  @ApiOkResponse({ type: TransferDetailDto })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateTransferDto) {
    return this.transfers.update(actor, id, dto);
  }

  @Delete(':id')
  @Permit(Permission.TRANSFER_APPLY)
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.transfers.deleteDraft(actor, id);
  }

  @Post(':id/actions')
  @Permit(Permission.TRANSFER_ACT)
  @HttpCode(200)
  @ApiOkResponse({ type: TransferDetailDto })
  act(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: TransferActionDto) {
    return this.actions.act(actor, id, dto);
  }

  @Post(':id/talk')
  @Permit(Permission.TRANSFER_ACT)
  @HttpCode(200)
  @ApiOkResponse({ type: TransferDetailDto })
  recordTalk(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: RecordTalkDto) {
    return this.actions.recordTalk(actor, id, dto);
  }

  @Authenticated()
  @Get(':id/letter.pdf')
  @ApiProduces('application/pdf')
  async letterPdf(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Query() query: LetterPdfQuery) {
    const { serial, pdf } = await this.letter.pdf(actor, id, query.purpose ?? 'print');
    return download(pdf, 'application/pdf', `inline; filename="letter-${serial}.pdf"`);
  }
}
