import { Module } from '@nestjs/common';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { OrgAdministratorsService } from './org-administrators.service';

@Module({ controllers: [OrganizationsController], providers: [OrganizationsService, OrgAdministratorsService], exports: [OrganizationsService] })
export class OrganizationsModule {}
