import { Module } from '@nestjs/common';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { OrgAdministratorsService } from './org-administrators.service';
import { OrgUnstaffedService } from './org-unstaffed.service';

@Module({ controllers: [OrganizationsController], providers: [OrganizationsService, OrgAdministratorsService, OrgUnstaffedService], exports: [OrganizationsService] })
export class OrganizationsModule {}
