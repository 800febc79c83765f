import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

const TOTP = /^\d{6}$/;
const RECOVERY = /^[A-Za-z2-9]{5}-?[A-Za-z2-9]{5}$/;

export class LoginMfaDto {
  @ApiProperty({ description: 'The mfaToken from the first login step' })
  @IsString()
  @MaxLength(2000)
  mfaToken: string;

  @ApiPropertyOptional({ example: '123456', description: 'A current code from the authenticator app' })
  @IsOptional()
  @IsString()
  @Matches(TOTP, { message: 'code must be 6 digits' })
  code?: string;

  @ApiPropertyOptional({ example: 'abcde-fghjk', description: 'One of the recovery codes (each works once)' })
  @IsOptional()
  @IsString()
  @Matches(RECOVERY, { message: 'recoveryCode must look like abcde-fghjk' })
  recoveryCode?: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 128)
  currentPassword: string;

  @ApiProperty({ description: 'Must meet the active security profile (GET /auth/password-policy)' })
  @IsString()
  @Length(1, 256)
  newPassword: string;
}

export class ExpiredPasswordDto {
  @ApiProperty({ description: 'details.changeToken of the 403 PASSWORD_EXPIRED' })
  @IsString()
  @MaxLength(2000)
  changeToken: string;

  @ApiProperty()
  @IsString()
  @Length(1, 256)
  newPassword: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(TOTP, { message: 'code must be 6 digits' })
  code: string;
}

export class DisableTotpDto {
  @ApiPropertyOptional({ example: '123456', description: 'A current code, or instead…' })
  @IsOptional()
  @IsString()
  @Matches(TOTP, { message: 'code must be 6 digits' })
  code?: string;

  @ApiPropertyOptional({ description: '…the account password' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  password?: string;
}
