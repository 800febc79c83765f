import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { QUESTION_KINDS, STUDY_LIMITS as L, STUDY_MODULE_KINDS, STUDY_NEEDS, type QuestionKind, type StudyModuleKind, type StudyNeed } from '@zhdj/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { HasText, IsOmittable } from '../../common/validation';
import { QueryBoolean } from '../../common/decorators/query-boolean.decorator';
import { PageQuery } from '../../common/pagination/page-query';

/** http(s) URL, or a path on this server (`/media/…`); never `javascript:` or a protocol-relative `//host`. */
export const VIDEO_URL_PATTERN = /^(https?:\/\/[^\s"'<>]+|\/(?!\/)[^\s"'<>]*)$/;

/** At most one decimal place. (class-validator's maxDecimalPlaces throws on a number printed in exponent form, 1e-7: a 500.) */
const OneDecimal = () =>
  ValidateBy({
    name: 'oneDecimal',
    validator: {
      validate: (v: unknown) => typeof v === 'number' && Number.isFinite(v) && Math.abs(Math.round(v * 10) - v * 10) < 1e-6,
      defaultMessage: () => 'classHours has at most one decimal place',
    },
  });

export class ModuleFieldsDto {
  @ApiProperty({ enum: STUDY_MODULE_KINDS }) @IsIn(STUDY_MODULE_KINDS) kind: StudyModuleKind;
  @ApiProperty({ maxLength: L.titleMax }) @IsString() @Length(1, L.titleMax) @HasText() title: string;
  @ApiPropertyOptional({ maxLength: L.summaryMax }) @IsOmittable() @IsString() @MaxLength(L.summaryMax) summary?: string;

  @ApiPropertyOptional({ type: [String], description: 'Topic tags' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(L.tagsMax)
  @IsString({ each: true })
  @Length(1, L.tagMax, { each: true })
  @HasText({ each: true })
  @Matches(/^[^,]+$/, { each: true, message: 'tags may not contain commas' })
  tags?: string[];

  @ApiProperty({ enum: STUDY_NEEDS }) @IsIn(STUDY_NEEDS) need: StudyNeed;

  @ApiProperty({ example: 1.5, description: 'Class hours (学时), one decimal' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @OneDecimal()
  @Min(0.1)
  @Max(L.classHoursMax)
  classHours: number;

  @ApiPropertyOptional() @IsOmittable() @IsBoolean() published?: boolean;

  @ApiPropertyOptional({ description: 'Article: HTML (sanitised by the server)' })
  @IsOptional()
  @IsString()
  @MaxLength(L.bodyMax)
  body?: string;

  @ApiPropertyOptional({ description: 'Article: minimum reading time' }) @IsOptional() @IsInt() @Min(0) @Max(L.minReadSecondsMax) minReadSeconds?: number;

  @ApiPropertyOptional({ example: '/media/study/dangzhang.mp4', description: 'Video: http(s) URL or a path on this server' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(VIDEO_URL_PATTERN, { message: 'videoUrl must be an http(s) URL or a path starting with /' })
  videoUrl?: string;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(L.durationSecondsMax) durationSeconds?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(L.questionsPerAttemptMax) questionsPerAttempt?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100) passPercent?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(L.attemptsAllowedMax) attemptsAllowed?: number;
  @ApiPropertyOptional({ description: '0 = no limit' }) @IsOptional() @IsInt() @Min(0) @Max(L.timeLimitSecondsMax) timeLimitSeconds?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() showAnswers?: boolean;
}

export class CreateModuleDto extends ModuleFieldsDto {}

export class UpdateModuleDto extends PartialType(OmitType(ModuleFieldsDto, ['kind'] as const), { skipNullProperties: false }) {
  @ApiProperty({ description: 'The version you read; a stale one is refused with 409' }) @IsInt() @Min(1) version: number;
}

export class ListModulesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STUDY_MODULE_KINDS }) @IsOptional() @IsIn(STUDY_MODULE_KINDS) kind?: StudyModuleKind;
  @ApiPropertyOptional({ enum: STUDY_NEEDS }) @IsOptional() @IsIn(STUDY_NEEDS) need?: StudyNeed;
  @ApiPropertyOptional({ description: 'Part of the title' }) @IsOptional() @IsString() @Length(1, 50) q?: string;
}

/** The member's elective library: the catalogue's filters (`q` also matches tags there), plus "only what I have not completed this year". */
export class LibraryQuery extends ListModulesQuery {
  @ApiPropertyOptional({ description: 'Only modules not completed this year' })
  @QueryBoolean()
  todo?: boolean;
}

export class OptionDto {
  @ApiProperty({ example: 'A' }) @IsString() @Matches(/^[A-H]$/, { message: 'option keys are single letters A–H' }) key: string;
  @ApiProperty() @IsString() @Length(1, 200) @HasText() text: string;
}

export class QuestionFieldsDto {
  @ApiProperty({ enum: QUESTION_KINDS }) @IsIn(QUESTION_KINDS) kind: QuestionKind;
  @ApiProperty() @IsString() @Length(1, 500) @HasText() stem: string;

  @ApiPropertyOptional({ type: [OptionDto], description: 'Choices (2–8); true/false questions get 正确/错误 (T/F) when left out' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(L.optionsMax)
  @ValidateNested({ each: true })
  @Type(() => OptionDto)
  options?: OptionDto[];

  @ApiProperty({ type: [String], example: ['B'], description: 'The right option keys' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(L.optionsMax)
  @IsString({ each: true })
  @Matches(/^[A-HTF]$/, { each: true })
  answer: string[];

  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(1000) explanation?: string;
}

export class CreateQuestionDto extends QuestionFieldsDto {}
export class UpdateQuestionDto extends PartialType(QuestionFieldsDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'false retires the question (kept for past attempts)' }) @IsOmittable() @IsBoolean() active?: boolean;
}

