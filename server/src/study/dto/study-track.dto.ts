import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { AUDIENCE_GROUPS, ORG_TYPES, STUDY_LIMITS as L, STUDY_NEEDS, type AudienceGroup, type OrgType, type StudyNeed } from '@zhdj/shared';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { HasText, IntegerText, IsCalendarDate, IsOmittable } from '../../common/validation';
import { PageQuery } from '../../common/pagination/page-query';

export class AudienceDto {
  @ApiProperty({ enum: ORG_TYPES, isArray: true }) @IsArray() @ArrayMaxSize(ORG_TYPES.length) @IsIn(ORG_TYPES, { each: true }) orgTypes: OrgType[];
  @ApiProperty({ enum: AUDIENCE_GROUPS, isArray: true }) @IsArray() @ArrayMaxSize(AUDIENCE_GROUPS.length) @IsIn(AUDIENCE_GROUPS, { each: true }) groups: AudienceGroup[];
  @ApiProperty({ enum: STUDY_NEEDS, isArray: true }) @IsArray() @ArrayMaxSize(STUDY_NEEDS.length) @IsIn(STUDY_NEEDS, { each: true }) needs: StudyNeed[];
}

export class TrackModuleDto {
  @ApiProperty() @IsInt() @Min(1) moduleId: number;
  @ApiProperty() @IsBoolean() required: boolean;
}

export class TrackFieldsDto {
  @ApiProperty({ maxLength: L.titleMax }) @IsString() @Length(1, L.titleMax) @HasText() title: string;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOmittable() @IsString() @MaxLength(1000) description?: string;
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiProperty({ type: AudienceDto }) @IsObject() @ValidateNested() @Type(() => AudienceDto) audience: AudienceDto;

  @ApiProperty({ type: [TrackModuleDto], description: 'In order' })
  @IsArray()
  @ArrayMaxSize(L.trackModulesMax)
  @ValidateNested({ each: true })
  @Type(() => TrackModuleDto)
  modules: TrackModuleDto[];

  @ApiPropertyOptional() @IsOmittable() @IsBoolean() published?: boolean;
}

export class CreateTrackDto extends TrackFieldsDto {}
export class UpdateTrackDto extends PartialType(TrackFieldsDto, { skipNullProperties: false }) {
  @ApiProperty({ description: 'The version you read' }) @IsInt() @Min(1) version: number;
}

export class ListTracksQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IntegerText() @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ enum: STUDY_NEEDS }) @IsOptional() @IsIn(STUDY_NEEDS) need?: StudyNeed;
}

export class PreviewDto {
  @ApiProperty({ description: 'Subtree to count in (in your scope)' }) @IsInt() @Min(1) orgId: number;
  @ApiProperty({ type: AudienceDto }) @IsObject() @ValidateNested() @Type(() => AudienceDto) audience: AudienceDto;
}

export class TrackPreviewQuery {
  @ApiProperty() @IntegerText() @IsInt() @Min(1) orgId: number;
}

export class AssignmentFieldsDto {
  @ApiProperty() @IsInt() @Min(1) trackId: number;
  @ApiProperty({ description: 'The organisation whose subtree is enrolled (in your scope)' }) @IsInt() @Min(1) orgId: number;
  @ApiProperty({ example: '2026-03-01' }) @IsCalendarDate({ message: 'startsOn must be a calendar date, YYYY-MM-DD' }) startsOn: string;
  @ApiProperty({ example: '2026-06-30' }) @IsCalendarDate({ message: 'dueOn must be a calendar date, YYYY-MM-DD' }) dueOn: string;
}

export class CreateAssignmentDto extends AssignmentFieldsDto {}

export class UpdateAssignmentDto extends PartialType(OmitType(AssignmentFieldsDto, ['trackId', 'orgId'] as const), { skipNullProperties: false }) {
  @ApiProperty() @IsInt() @Min(1) version: number;
}

export class ListAssignmentsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Assignments made to this organisation or below it (in your scope)' }) @IsOptional() @IntegerText() @IsInt() @Min(1) orgId?: number;
  @ApiPropertyOptional() @IsOptional() @IntegerText() @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional() @IsOptional() @IntegerText() @IsInt() @Min(1) trackId?: number;
}
