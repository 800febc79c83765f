import { ApiProperty } from '@nestjs/swagger';
import { ADMIN_ROLES, ORG_LEVELS, ORG_TYPES, type OrgAdministrator, type OrgAdministrators, type Role, type OrgDetail, type OrgDirectoryEntry, type OrgLevel, type OrgRef, type OrgSummary, type OrgType, type UnstaffedOrganization, type UnstaffedOrganizations } from '@zhdj/shared';

export class OrgRefDto implements OrgRef {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() shortName: string;
  @ApiProperty({ enum: ORG_LEVELS }) level: OrgLevel;
}

export class OrgSummaryDto extends OrgRefDto implements OrgSummary {
  @ApiProperty() code: string;
  @ApiProperty({ enum: ORG_TYPES }) type: OrgType;
  @ApiProperty({ nullable: true, type: Number }) parentId: number | null;
  @ApiProperty() depth: number;
  @ApiProperty() hasApprovalAuthority: boolean;
  @ApiProperty() childCount: number;
  @ApiProperty({ description: 'Organisations below this one' }) descendantCount: number;
  @ApiProperty({ description: 'Members in the subtree' }) memberCount: number;
}

export class OrgDetailDto extends OrgSummaryDto implements OrgDetail {
  @ApiProperty() path: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() contactPerson: string;
  @ApiProperty() address: string;
  @ApiProperty() phone: string;
  @ApiProperty() fax: string;
  @ApiProperty() postcode: string;
  @ApiProperty({ type: [OrgRefDto] }) ancestors: OrgRefDto[];
  @ApiProperty() canManage: boolean;
}

export class OrgDirectoryEntryDto implements OrgDirectoryEntry {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() shortName: string;
  @ApiProperty() code: string;
  @ApiProperty({ enum: ORG_LEVELS }) level: OrgLevel;
  @ApiProperty({ nullable: true, type: String }) parentName: string | null;
}

export class OrgAdministratorDto implements OrgAdministrator {
  @ApiProperty({ description: 'The role assignment: what dismissal names' }) assignmentId: number;
  @ApiProperty() userId: number;
  @ApiProperty({ enum: ADMIN_ROLES }) role: Role;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: Number }) memberId: number | null;
  @ApiProperty({ nullable: true, type: String, description: "The member's branch" }) branchName: string | null;
  @ApiProperty({ format: 'date-time' }) since: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastLoginAt: string | null;
  @ApiProperty() disabled: boolean;
  @ApiProperty({ description: "The caller's own role (not dismissable by themself)" }) self: boolean;
}

export class OrgAdministratorsDto implements OrgAdministrators {
  @ApiProperty({ enum: ADMIN_ROLES, description: "The role this organisation's administrators hold" }) role: Role;
  @ApiProperty({ description: 'Whether the caller may appoint and dismiss them' }) canAppoint: boolean;
  @ApiProperty({ type: [OrgAdministratorDto] }) administrators: OrgAdministratorDto[];
}

export class UnstaffedOrganizationDto implements UnstaffedOrganization {
  @ApiProperty({ type: OrgRefDto }) org: OrgRefDto;
  @ApiProperty({ nullable: true, type: String }) parentName: string | null;
  @ApiProperty({ description: 'Members in its subtree' }) memberCount: number;
  @ApiProperty({ description: 'Open transfer steps held here, worked by servedBy instead' }) waitingSteps: number;
  @ApiProperty({ type: OrgRefDto, nullable: true, description: 'The nearest organisation above with an administrator' }) servedBy: OrgRefDto | null;
}

export class UnstaffedOrganizationsDto implements UnstaffedOrganizations {
  @ApiProperty({ type: [UnstaffedOrganizationDto] }) items: UnstaffedOrganizationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ description: 'How many the subtree holds under the same filter' }) total: number;
}
