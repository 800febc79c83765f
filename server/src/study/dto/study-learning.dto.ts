import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEMBER_STUDY_FILTERS, STUDY_LIMITS as L, type MemberStudyFilter } from '@zhdj/shared';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IntegerText } from '../../common/validation';

export class WatchedIntervalDto {
  @ApiProperty({ description: 'Seconds from the start' }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(L.durationSecondsMax) from: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(L.durationSecondsMax) to: number;
}

export class ProgressReportDto {
  @ApiProperty({ type: [WatchedIntervalDto], description: 'What was played since the last report' })
  @IsArray()
  @ArrayMaxSize(L.intervalsPerReportMax)
  @ValidateNested({ each: true })
  @Type(() => WatchedIntervalDto)
  intervals: WatchedIntervalDto[];

  @ApiPropertyOptional({ description: 'Where the player is now, to resume on another device' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(L.durationSecondsMax)
  positionSeconds?: number;
}

export class AnswerDto {
  @ApiProperty() @IsInt() @Min(1) questionId: number;
  @ApiProperty({ type: [String], example: ['A'] })
  @IsArray()
  @ArrayMaxSize(L.optionsMax)
  @IsString({ each: true })
  @Matches(/^[A-HTF]$/, { each: true, message: 'selected holds option keys' })
  selected: string[];
}

export class SubmitAttemptDto {
  @ApiProperty({ type: [AnswerDto] })
  @IsArray()
  @ArrayMaxSize(L.answersMax)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers: AnswerDto[];
}

export class StatsQuery {
  @ApiPropertyOptional({ description: 'Defaults to the root of your scope' }) @IsOptional() @IntegerText() @IsInt() @Min(1) orgId?: number;
  @ApiPropertyOptional() @IsOptional() @IntegerText() @IsInt() @Min(1) trackId?: number;
  @ApiPropertyOptional({ example: '2026', description: 'The study year' }) @IsOptional() @Matches(/^\d{4}$/, { message: 'period is a year, YYYY' }) period?: string;
}

/** The members of a subtree, filtered as the follow-up's list is (the export takes the same filter as the screen). */
export class MemberFilterQuery extends StatsQuery {
  @ApiPropertyOptional({
    enum: MEMBER_STUDY_FILTERS,
    description: "Only members with an enrolment in this state; HOURS_SHORT: every member whose class hours this year are short of the requirement, enrolled or not",
  })
  @IsOptional()
  @IsIn(MEMBER_STUDY_FILTERS)
  status?: MemberStudyFilter;
}

export class MemberStatusQuery extends MemberFilterQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{1,300}$/) cursor?: string;
  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @IntegerText() @IsInt() @Min(1) @Max(100) limit?: number;
}

export class ExtraAttemptDto {
  @ApiProperty({ description: 'The quiz module whose attempts the member has used up without passing' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  moduleId: number;
}
