import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IntegerText } from '../validation';

/** A keyset page's query: the previous page's `nextCursor` (opaque, decodeCursor) and a bounded page size. */
export class PageQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(300) cursor?: string;
  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @IntegerText() @IsInt() @Min(1) @Max(100) limit?: number;
}
