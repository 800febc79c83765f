import { ApiProperty } from '@nestjs/swagger';
import { SECURITY_PROFILES, type MfaStatus, type PasswordPolicy, type SecurityProfile, type SessionInfo, type TotpConfirmed, type TotpSetup } from '@zhdj/shared';

export class SessionInfoDto implements SessionInfo {
  @ApiProperty() id: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'Last refresh of the session (to within the access token’s life)' }) lastUsedAt: string;
  @ApiProperty({ description: 'Ends here unless used (the idle limit)' }) idleExpiresAt: string;
  @ApiProperty({ description: 'Ends here however active (the absolute limit)' }) expiresAt: string;
  @ApiProperty() ip: string;
  @ApiProperty({ nullable: true, type: String }) browser: string | null;
  @ApiProperty({ nullable: true, type: String }) os: string | null;
  @ApiProperty() current: boolean;
}

export class EndedSessionsDto {
  @ApiProperty() endedSessions: number;
}

class LockoutDto {
  @ApiProperty() maxFailures: number;
  @ApiProperty() seconds: number;
}

export class PasswordPolicyDto implements PasswordPolicy {
  @ApiProperty({ enum: SECURITY_PROFILES }) profile: SecurityProfile;
  @ApiProperty() minLength: number;
  @ApiProperty() maxLength: number;
  @ApiProperty() requiredClasses: number;
  @ApiProperty({ nullable: true, type: Number }) maxAgeDays: number | null;
  @ApiProperty() historySize: number;
  @ApiProperty({ type: LockoutDto }) lockout: LockoutDto;
}

export class MfaStatusDto implements MfaStatus {
  @ApiProperty() totpEnabled: boolean;
  @ApiProperty({ nullable: true, type: String }) enabledAt: string | null;
  @ApiProperty() recoveryCodesLeft: number;
  @ApiProperty() available: boolean;
  @ApiProperty() required: boolean;
}

export class TotpSetupDto implements TotpSetup {
  @ApiProperty() secret: string;
  @ApiProperty() otpauthUrl: string;
  @ApiProperty() qrDataUrl: string;
}

export class TotpConfirmedDto implements TotpConfirmed {
  @ApiProperty({ type: [String] }) recoveryCodes: string[];
}
