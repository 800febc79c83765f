import { ApiProperty } from '@nestjs/swagger';
import { ORG_LEVELS, ORG_TYPES, type OrgDetail, type OrgDirectoryEntry, type OrgLevel, type OrgRef, type OrgSummary, type OrgType } from '@zhdj/shared';

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
