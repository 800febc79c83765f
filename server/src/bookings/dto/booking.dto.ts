import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BOOKING_PURPOSES, type BookingPurpose } from '@zhdj/shared';
import { IsIn, IsInt, IsOptional, IsString, Length, MaxLength, Min } from 'class-validator';
import { HasText, IsInstant } from '../../common/validation';

export class CreateBookingDto {
  @ApiProperty() @IsInt() @Min(1) serviceCenterId: number;
  @ApiProperty({ example: '2026-12-01T01:00:00.000Z', description: 'A slot start, as given by availability' }) @IsInstant() start: string;
  @ApiProperty({ enum: BOOKING_PURPOSES }) @IsIn(BOOKING_PURPOSES) purpose: BookingPurpose;
  @ApiPropertyOptional({ description: 'The transfer the visit is for (your own)' }) @IsOptional() @IsInt() @Min(1) transferId?: number;
  @ApiPropertyOptional({ maxLength: 300 }) @IsOptional() @IsString() @MaxLength(300) note?: string;
  @ApiPropertyOptional({ description: 'Someone coming on your behalf (needs both ID cards and a written authorisation)' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  @HasText()
  proxyName?: string;
}

export class RescheduleDto {
  @ApiProperty() @IsInstant() start: string;
  @ApiProperty({ description: 'The version you read' }) @IsInt() @Min(1) version: number;
}

export class CancelDto {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) reason?: string;
}

export class MineQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: past visits too, newest first' }) @IsOptional() @IsIn(['true', 'false']) past?: 'true' | 'false';
}
