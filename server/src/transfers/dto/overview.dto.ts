import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

export class OverviewQueryDto {
  @ApiPropertyOptional({ description: 'Limit to this organisation’s subtree (in your scope)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  orgId?: number;
}
