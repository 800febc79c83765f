import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IntegerText, IsInstant } from '../../common/validation';

export class AuditQuery {
  @ApiPropertyOptional({ description: 'From this instant (ISO 8601)' }) @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional({ description: 'Before this instant (ISO 8601)' }) @IsOptional() @IsInstant() to?: string;
  @ApiPropertyOptional({ example: 'member.revealId', description: 'An action, or a prefix ending in a dot (member.)' })
  @IsOptional()
  @Matches(/^[A-Za-z.]{1,48}$/)
  action?: string;
  @ApiPropertyOptional() @IsOptional() @IntegerText() @IsInt() @Min(1) actorUserId?: number;
  @ApiPropertyOptional({ example: 'admin', description: 'An account’s username (exact): what it did and what was done to it (its logins, its password)' }) @IsOptional() @IsString() @MaxLength(64) username?: string;
  @ApiPropertyOptional({ example: 'member' }) @IsOptional() @Matches(/^[A-Za-z]{1,32}$/) targetType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) targetId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @IntegerText() @IsInt() @Min(1) @Max(200) limit?: number;
}
