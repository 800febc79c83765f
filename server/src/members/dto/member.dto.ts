import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  EDUCATIONS,
  MEMBER_NAME_PATTERN,
  ETHNICITIES,
  MEMBER_POSTS,
  MOBILE_PATTERN,
  MemberCategory,
  MemberStatus,
  YEAR_MONTH_PATTERN,
  idNumberProblem,
  type Education,
  type MemberPost,
  type Sex,
} from '@zhdj/shared';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import { IntegerText, IsCalendarDate, IsOmittable } from '../../common/validation';


/** A citizen ID number with a valid birth date and GB 11643 check character. */
export function IsIdNumber(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIdNumber',
      target: object.constructor,
      propertyName,
      options: { message: 'idNumber is not a valid 18-character citizen ID number (check digit or birth date is wrong)', ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && idNumberProblem(v) === null },
    });
}

export class MemberFieldsDto {
  @ApiProperty({ example: '王建国' })
  @IsString()
  @Matches(MEMBER_NAME_PATTERN, { message: 'name must be 1–50 Chinese or Latin letters' })
  name: string;

  @ApiProperty({ enum: ['M', 'F'] })
  @IsIn(['M', 'F'])
  sex: Sex;

  @ApiProperty({ enum: ETHNICITIES })
  @IsIn(ETHNICITIES as readonly string[])
  ethnicity: string;

  @ApiProperty({ example: '1988-03-15' })
  @IsCalendarDate({ message: 'birthDate must be a calendar date, YYYY-MM-DD' })
  birthDate: string;

  @ApiProperty({ example: '13905161234' })
  @Matches(MOBILE_PATTERN, { message: 'phone must be an 11-digit mainland mobile number' })
  phone: string;

  @ApiProperty({ enum: EDUCATIONS })
  @IsIn(EDUCATIONS)
  education: Education;

  @ApiProperty({ enum: Object.values(MemberCategory) })
  @IsIn(Object.values(MemberCategory))
  category: MemberCategory;

  @ApiProperty({ example: '2012-07-01' })
  @IsCalendarDate({ message: 'joinedAt must be a calendar date, YYYY-MM-DD' })
  joinedAt: string;

  @ApiPropertyOptional({ example: '2026-07-01', nullable: true, description: 'Required for probationary members' })
  @ValidateIf((o: MemberFieldsDto) => o.category === 'PROBATIONARY' || (o.probationEndsAt !== undefined && o.probationEndsAt !== null))
  @IsCalendarDate({ message: 'probationEndsAt must be a calendar date, YYYY-MM-DD (required for probationary members)' })
  probationEndsAt?: string | null;

  @ApiProperty({ example: '2026-11', description: 'Dues paid through this month' })
  @Matches(YEAR_MONTH_PATTERN, { message: 'duesPaidThrough must be YYYY-MM' })
  duesPaidThrough: string;

  @ApiPropertyOptional({ enum: MEMBER_POSTS, nullable: true })
  @IsOptional()
  @IsIn(MEMBER_POSTS)
  post?: MemberPost | null;

  @ApiPropertyOptional() @IsOmittable() @IsBoolean() isRetired?: boolean;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() isMobile?: boolean;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() isGraduate?: boolean;
}

export class CreateMemberDto extends MemberFieldsDto {
  @ApiProperty({ example: '320381198803150018' })
  @IsString()
  @IsIdNumber()
  idNumber: string;

  @ApiProperty({ description: 'The branch the member belongs to' })
  @IsInt()
  @Min(1)
  orgId: number;
}

// Fields may be left out but not set to null (a 500 from a NOT NULL column); post and probationEndsAt say
// themselves that null clears them.
export class UpdateMemberDto extends PartialType(OmitType(CreateMemberDto, ['orgId'] as const), { skipNullProperties: false }) {
  @ApiProperty({ description: 'The version you read; a stale one is refused with 409' })
  @IsInt()
  @Min(1)
  version: number;
}

/** The filters of the member list, its count and its export. */
export class MemberFilterQuery {
  @ApiPropertyOptional({ description: 'Subtree root; defaults to the root of your scope' })
  @IsOptional()
  @IntegerText()
  @IsInt()
  @Min(1)
  orgId?: number;

  @ApiPropertyOptional({ description: 'Name (any part), mobile number (leading digits) or a full ID number' })
  @IsOptional()
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @Length(1, 50)
  q?: string;

  @ApiPropertyOptional({ enum: Object.values(MemberCategory) })
  @IsOptional()
  @IsIn(Object.values(MemberCategory))
  category?: MemberCategory;

  @ApiPropertyOptional({ enum: [...MEMBER_POSTS, 'ANY'], description: 'Post held; ANY = any post' })
  @IsOptional()
  @IsIn([...MEMBER_POSTS, 'ANY'])
  role?: MemberPost | 'ANY';

  @ApiPropertyOptional({ enum: Object.values(MemberStatus) })
  @IsOptional()
  @IsIn(Object.values(MemberStatus))
  status?: MemberStatus;
}

export class ListMembersQuery extends MemberFilterQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  cursor?: string;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @IntegerText()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
