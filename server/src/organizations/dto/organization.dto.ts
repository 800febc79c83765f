import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { ORG_CODE_PATTERN, ORG_LEVELS, ORG_TYPES, type AppointAdministratorRequest, type OrgLevel, type OrgType } from '@zhdj/shared';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { QueryBoolean } from '../../common/decorators/query-boolean.decorator';
import { PageQuery } from '../../common/pagination/page-query';
import { HasText, IntegerText } from '../../common/validation';

export class OrganizationFieldsDto {
  @ApiProperty({ example: '中共新沂市新安街道工作委员会', description: 'Full official name, as on the seal' })
  @IsString()
  @Length(2, 100)
  @HasText()
  name: string;

  @ApiProperty({ example: '新安街道党工委' })
  @IsString()
  @Length(1, 50)
  @HasText()
  shortName: string;

  @ApiProperty({ enum: ORG_TYPES })
  @IsIn(ORG_TYPES)
  type: OrgType;

  @ApiProperty({ description: 'Authority to approve probationary members (may send or receive letters directly)' })
  @IsBoolean()
  hasApprovalAuthority: boolean;

  @ApiPropertyOptional({ example: '园区,楼宇' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  tags?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) contactPerson?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[0-9+\-() ]{0,30}$/) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[0-9+\-() ]{0,30}$/) fax?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^(\d{6})?$/, { message: 'postcode must be 6 digits' }) postcode?: string;
}

export class CreateOrganizationDto extends OrganizationFieldsDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  parentId: number;

  @ApiProperty({ enum: ORG_LEVELS })
  @IsIn(ORG_LEVELS)
  level: OrgLevel;

  @ApiProperty({ example: 'XY-0102', description: 'Unique code: letters, digits and hyphens' })
  @IsString()
  @Matches(ORG_CODE_PATTERN, { message: 'code must be 2–32 letters, digits or hyphens' })
  code: string;
}

// Fields may be left out but not set to null: null would reach NOT NULL columns as a 500 instead of a 400.
export class UpdateOrganizationDto extends PartialType(OrganizationFieldsDto, { skipNullProperties: false }) {}

export class MoveOrganizationDto {
  @ApiProperty({ description: 'The new parent' })
  @IsInt()
  @Min(1)
  parentId: number;
}

export class SearchOrganizationsQuery {
  @ApiPropertyOptional({ description: 'Name, short name or code; without it, the roots of your scope' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  q?: string;

  @ApiPropertyOptional({ default: 20, maximum: 50 })
  @IsOptional()
  @IntegerText()
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export class AppointAdministratorDto implements AppointAdministratorRequest {
  @ApiProperty({ description: 'The member to appoint: of this organisation or one below it; their own account is given the role' })
  @IsInt()
  @Min(1)
  memberId: number;
}

export class UnstaffedOrganizationsFilter {
  @ApiPropertyOptional({ enum: ORG_LEVELS, description: 'Only organisations of this level' })
  @IsOptional()
  @IsIn(ORG_LEVELS)
  level?: OrgLevel;

  @ApiPropertyOptional({ description: 'Only those holding open transfer steps (worked above them meanwhile)' })
  @QueryBoolean()
  waiting?: boolean;
}

export class UnstaffedOrganizationsQuery extends IntersectionType(UnstaffedOrganizationsFilter, PageQuery) {}
