import { ApiProperty } from '@nestjs/swagger';
import { CALENDAR_DAY_NAME_MAX } from '@zhdj/shared';
import { IsBoolean, IsInt, IsString, Length, Matches } from 'class-validator';
import { HasText, IntegerText } from '../../common/validation';

export class CalendarYearQuery {
  @ApiProperty({ example: 2027 }) @IntegerText() @IsInt({ message: 'year must be a whole number' }) year: number;
}

export class CalendarDayDto {
  @ApiProperty({ description: 'true: a working day (调休上班); false: a day off (放假)' }) @IsBoolean() working: boolean;
  @ApiProperty({ example: '元旦' })
  @IsString()
  @Length(1, CALENDAR_DAY_NAME_MAX)
  @HasText()
  name: string;
}

export class CalendarDateParam {
  @ApiProperty({ example: '2027-01-01' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' }) date: string;
}
