import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { QueryBoolean } from '../../common/decorators/query-boolean.decorator';
import { IntegerText } from '../../common/validation';

export class ListNotificationsQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) cursor?: string;

  @ApiPropertyOptional({ default: 20, maximum: 50 })
  @IsOptional()
  @IntegerText()
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;

  @ApiPropertyOptional({ description: 'Only unread ones' })
  @QueryBoolean()
  unread?: boolean;
}

export class NotificationDto {
  @ApiProperty() id: number;
  @ApiProperty() kind: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ description: 'Client route to open' }) link: string;
  @ApiProperty() read: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    description: 'The facts the title and text were written from (by kind), for wording them in another language; null for older ones',
  })
  params: Record<string, string | number> | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty() unread: number;
}

export class UnreadCountDto {
  @ApiProperty() unread: number;
}
