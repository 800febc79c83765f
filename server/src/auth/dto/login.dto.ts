import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin', description: 'Username, or a member’s mobile number' })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ example: 'Demo-2026-zhdj' })
  @IsString()
  @Length(1, 128)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from login or the previous refresh (single use)' })
  @IsString()
  @MaxLength(200)
  refreshToken: string;
}
