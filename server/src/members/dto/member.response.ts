import { ApiProperty } from '@nestjs/swagger';
import {
  EDUCATIONS,
  MEMBER_POSTS,
  MemberCategory,
  MemberStatus,
  type Education,
  type MemberCount,
  type MemberDetail,
  type MemberOrgHistoryEntry,
  type MemberPost,
  type MemberSummary,
  type Page,
  type Sex,
} from '@zhdj/shared';
import { OrgRefDto } from '../../organizations/dto/organization.response';

export class MemberSummaryDto implements MemberSummary {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['M', 'F'] }) sex: Sex;
  @ApiProperty() phone: string;
  @ApiProperty({ example: '3203**********1234' }) idNumberMasked: string;
  @ApiProperty({ enum: Object.values(MemberCategory) }) category: MemberCategory;
  @ApiProperty({ enum: Object.values(MemberStatus) }) status: MemberStatus;
  @ApiProperty({ enum: MEMBER_POSTS, nullable: true }) post: MemberPost | null;
  @ApiProperty({ type: OrgRefDto }) org: OrgRefDto;
  @ApiProperty({ example: '2026-11' }) duesPaidThrough: string;
  @ApiProperty({ nullable: true, type: String, description: 'Last day of probation (probationary members)' }) probationEndsAt: string | null;
  @ApiProperty() isRetired: boolean;
  @ApiProperty() isMobile: boolean;
  @ApiProperty() isGraduate: boolean;
}

class MemberOrgHistoryDto implements MemberOrgHistoryEntry {
  @ApiProperty({ type: OrgRefDto }) org: OrgRefDto;
  @ApiProperty() from: string;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
  @ApiProperty({ nullable: true, type: Number }) transferId: number | null;
}

export class MemberDetailDto extends MemberSummaryDto implements MemberDetail {
  @ApiProperty() ethnicity: string;
  @ApiProperty() birthDate: string;
  @ApiProperty({ enum: EDUCATIONS }) education: Education;
  @ApiProperty() joinedAt: string;
  @ApiProperty({ type: [OrgRefDto] }) orgAncestors: OrgRefDto[];
  @ApiProperty({ type: [MemberOrgHistoryDto] }) history: MemberOrgHistoryDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'The transfer under way (submitted, not finished), if any' }) openTransferId: number | null;
  @ApiProperty({ description: "The account administers an organisation the caller does not appoint for: its password, login and name are the tier above's to change" })
  accountHeldAbove: boolean;
  @ApiProperty() version: number;
}

export class MemberPageDto implements Page<MemberSummary> {
  @ApiProperty({ type: [MemberSummaryDto] }) items: MemberSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class MemberCountDto implements MemberCount {
  @ApiProperty({ example: 48142 }) total: number;
}

export class RevealedIdDto {
  @ApiProperty({ example: '320381198803150018' }) idNumber: string;
}

export class ImportResultDto {
  @ApiProperty() imported: number;
}

export class IssuedPasswordDto {
  @ApiProperty({ example: '13905161234' }) username: string;
  @ApiProperty({ example: 'K7QM-2XPD-9RTA', description: 'Shown once; the member must choose their own at first login' }) temporaryPassword: string;
}
