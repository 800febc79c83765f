import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { IntegerText } from '../../common/validation';

export class OverviewQueryDto {
  @ApiPropertyOptional({ description: 'Limit to this organisation’s subtree (in your scope)' })
  @IsOptional()
  @IntegerText()
  @IsInt()
  @Min(1)
  orgId?: number;
}
