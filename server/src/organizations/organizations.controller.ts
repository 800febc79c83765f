import { Body, Controller, Delete, HttpCode, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Permission } from '@zhdj/shared';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { ApiExportLanguage, ExportLang } from '../common/decorators/export-language.decorator';
import type { ExportLanguage } from '../common/language';
import { Permit } from '../common/decorators/permit.decorator';
import { attachment, streamDownload, XLSX } from '../common/download';
import { AppointAdministratorDto, CreateOrganizationDto, MoveOrganizationDto, SearchOrganizationsQuery, UnstaffedOrganizationsFilter, UnstaffedOrganizationsQuery, UpdateOrganizationDto } from './dto/organization.dto';
import { OrgAdministratorDto, OrgAdministratorsDto, OrgDetailDto, OrgDirectoryEntryDto, OrgSummaryDto, UnstaffedOrganizationsDto } from './dto/organization.response';
import { OrgAdministratorsService } from './org-administrators.service';
import { OrgUnstaffedService } from './org-unstaffed.service';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly orgs: OrganizationsService,
    private readonly administrators: OrgAdministratorsService,
    private readonly unstaffed: OrgUnstaffedService,
  ) {}

  @Get()
  @Permit(Permission.ORG_READ)
  @ApiOkResponse({ type: [OrgSummaryDto], description: 'Search within your scope; without q, the roots of your scope' })
  list(@CurrentActor() actor: Actor, @Query() query: SearchOrganizationsQuery) {
    return query.q ? this.orgs.search(actor, query.q, query.limit) : this.orgs.roots(actor);
  }

  @Get('directory')
  @Permit(Permission.ORG_DIRECTORY)
  @ApiOkResponse({ type: [OrgDirectoryEntryDto], description: 'County-wide directory for pickers: names and codes only' })
  directory(@Query() query: SearchOrganizationsQuery) {
    return this.orgs.directory(query.q, query.limit);
  }

  @Get(':id')
  @Permit(Permission.ORG_READ)
  @ApiOkResponse({ type: OrgDetailDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.orgs.get(actor, id);
  }

  @Get(':id/children')
  @Permit(Permission.ORG_READ)
  @ApiOkResponse({ type: [OrgSummaryDto] })
  children(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.orgs.children(actor, id);
  }

  @Post()
  @Permit(Permission.ORG_MANAGE)
  @ApiOkResponse({ type: OrgDetailDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrganizationDto) {
    return this.orgs.create(actor, dto);
  }

  @Patch(':id')
  @Permit(Permission.ORG_MANAGE)
  @ApiOkResponse({ type: OrgDetailDto })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateOrganizationDto) {
    return this.orgs.update(actor, id, dto);
  }

  @Post(':id/move')
  @HttpCode(200)
  @Permit(Permission.ORG_MANAGE)
  @ApiOkResponse({ type: OrgDetailDto })
  move(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: MoveOrganizationDto) {
    return this.orgs.move(actor, id, dto.parentId);
  }

  @Get(':id/administrators')
  @Permit(Permission.ADMIN_APPOINT)
  @ApiOkResponse({ type: OrgAdministratorsDto, description: 'Who administers the organisation, and whether the caller may change that' })
  listAdministrators(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.administrators.list(actor, id);
  }

  @Get(':id/unstaffed')
  @Permit(Permission.ADMIN_APPOINT)
  @ApiOkResponse({ type: UnstaffedOrganizationsDto, description: 'Organisations of the subtree with no enabled administrator, and who serves their steps instead' })
  listUnstaffed(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Query() query: UnstaffedOrganizationsQuery) {
    return this.unstaffed.list(actor, id, query);
  }

  @Get(':id/unstaffed/export')
  @Permit(Permission.ADMIN_APPOINT)
  @ApiProduces(XLSX)
  @ApiExportLanguage()
  async exportUnstaffed(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Query() query: UnstaffedOrganizationsFilter, @ExportLang() lang: ExportLanguage) {
    const { filename, write } = await this.unstaffed.prepareExport(actor, id, query, lang);
    return streamDownload(write, XLSX, attachment(filename, 'unstaffed-organisations.xlsx'));
  }

  @Post(':id/administrators')
  @Permit(Permission.ADMIN_APPOINT)
  @ApiCreatedResponse({ type: OrgAdministratorDto, description: "A member of the subtree given the organisation's administrator role" })
  appointAdministrator(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: AppointAdministratorDto) {
    return this.administrators.appoint(actor, id, dto.memberId);
  }

  @Delete(':id/administrators/:assignmentId')
  @HttpCode(204)
  @Permit(Permission.ADMIN_APPOINT)
  @ApiNoContentResponse()
  async dismissAdministrator(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Param('assignmentId', ParseIntPipe) assignmentId: number): Promise<void> {
    await this.administrators.dismiss(actor, id, assignmentId);
  }
}
