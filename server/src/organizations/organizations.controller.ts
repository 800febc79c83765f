import { Body, Controller, HttpCode, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission } from '@zhdj/shared';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { Permit } from '../common/decorators/permit.decorator';
import { CreateOrganizationDto, MoveOrganizationDto, SearchOrganizationsQuery, UpdateOrganizationDto } from './dto/organization.dto';
import { OrgDetailDto, OrgDirectoryEntryDto, OrgSummaryDto } from './dto/organization.response';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly orgs: OrganizationsService) {}

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
}
