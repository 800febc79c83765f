import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { CHECK_IN_CODE_PATTERN, HHMM_PATTERN, type WeeklyHours } from '@zhdj/shared';
import { IsBoolean, IsInt, IsObject, IsString, Length, Matches, Max, MaxLength, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import { HasText, IntegerText, IsCalendarDate, IsOmittable } from '../../common/validation';

/** Weekly hours: keys 1–7, each a list of up to 4 [open, close) periods in HH:MM, in order and not overlapping. */
export function IsWeeklyHours(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isWeeklyHours',
      validator: {
        validate: (value: unknown) => {
          if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
          for (const [day, periods] of Object.entries(value as Record<string, unknown>)) {
            if (!/^[1-7]$/.test(day) || !Array.isArray(periods) || periods.length > 4) return false;
            let last = '';
            for (const p of periods) {
              if (!Array.isArray(p) || p.length !== 2 || !p.every((t) => typeof t === 'string' && HHMM_PATTERN.test(t))) return false;
              if (!(p[0] < p[1]) || p[0] < last) return false;
              last = p[1];
            }
          }
          return true;
        },
        defaultMessage: () => 'weeklyHours must map weekdays 1–7 to ordered, non-overlapping [HH:MM, HH:MM] periods',
      },
    },
    options,
  );
}

export class CenterSettingsDto {
  @ApiProperty({ example: '新安街道党群服务中心' }) @IsString() @Length(2, 100) @HasText() name: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(200) address?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @Matches(/^[0-9+\-() ]{0,30}$/) phone?: string;

  @ApiProperty({ example: { '1': [['08:30', '12:00'], ['14:00', '17:30']] }, description: 'ISO weekday → opening periods' })
  @IsObject()
  @IsWeeklyHours()
  weeklyHours: WeeklyHours;

  @ApiProperty({ default: 30 }) @IsInt() @Min(10) @Max(240) slotMinutes: number;
  @ApiProperty({ default: 2, description: 'Places per slot (windows)' }) @IsInt() @Min(1) @Max(50) capacity: number;
  @ApiProperty({ default: 14 }) @IsInt() @Min(1) @Max(90) horizonDays: number;
  @ApiProperty({ default: 120 }) @IsInt() @Min(0) @Max(7 * 24 * 60) minNoticeMinutes: number;
  @ApiProperty({ default: 60 }) @IsInt() @Min(0) @Max(7 * 24 * 60) cancelCutoffMinutes: number;
  @ApiProperty() @IsBoolean() acceptsProxy: boolean;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() active?: boolean;
}

export class CreateCenterDto extends CenterSettingsDto {
  @ApiProperty({ description: 'The organisation the centre belongs to (in your scope)' }) @IsInt() @Min(1) orgId: number;
}

// Settings may be left out but not set to null (a 500 from a NOT NULL column).
export class UpdateCenterDto extends PartialType(CenterSettingsDto, { skipNullProperties: false }) {
  @ApiProperty({ description: 'The version you read' }) @IsInt() @Min(1) version: number;
}

export class ClosureDto {
  @ApiProperty({ example: '2026-12-24' }) @IsCalendarDate({ message: 'fromDate must be a calendar date, YYYY-MM-DD' }) fromDate: string;
  @ApiProperty({ example: '2026-12-25' }) @IsCalendarDate({ message: 'toDate must be a calendar date, YYYY-MM-DD' }) toDate: string;
  @ApiProperty({ example: '场地维修' }) @IsString() @Length(1, 200) @HasText() reason: string;
}

export class DateRangeQuery {
  @ApiProperty({ example: '2026-11-30' }) @IsCalendarDate({ message: 'from must be a calendar date, YYYY-MM-DD' }) from: string;
  @ApiProperty({ example: '2026-12-13' }) @IsCalendarDate({ message: 'to must be a calendar date, YYYY-MM-DD' }) to: string;
}

export class CheckInDto {
  @ApiProperty({ example: 'K7Q2M9' }) @IsString() @Matches(CHECK_IN_CODE_PATTERN, { message: 'code must be the 6-character check-in code' }) code: string;
}

export class CenterIdParam {
  @IntegerText() @IsInt() @Min(1) id: number;
}
