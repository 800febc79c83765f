import { ApiProperty } from '@nestjs/swagger';
import { PERMISSIONS, ROLES, type LoginResponse, type Permission, type Role, type RoleAssignment, type SessionUser } from '@zhdj/shared';

class RoleOrgDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() shortName: string;
  @ApiProperty({ example: '/1/23/' }) path: string;
}

class RoleAssignmentDto implements RoleAssignment {
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: RoleOrgDto, nullable: true }) org: RoleOrgDto | null;
}

export class SessionUserDto implements SessionUser {
  @ApiProperty() id: number;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: Number }) memberId: number | null;
  @ApiProperty({ type: [RoleAssignmentDto] }) roles: RoleAssignmentDto[];
  @ApiProperty({ enum: PERMISSIONS, isArray: true }) permissions: Permission[];
}

export class LoginResponseDto implements LoginResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ type: SessionUserDto }) user: SessionUserDto;
}
