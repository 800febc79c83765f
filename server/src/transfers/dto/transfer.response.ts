import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TRANSFER_CHANNELS, TRANSFER_REASONS, TRANSFER_STATES, USER_TRANSFER_ACTIONS } from '@zhdj/shared';
import { OrgRefDto } from '../../organizations/dto/organization.response';

class TransferMemberDto {
  @ApiProperty({ nullable: true, type: Number }) id: number | null;
  @ApiProperty() name: string;
}

class TransferDestinationDto {
  @ApiProperty({ type: OrgRefDto, nullable: true }) org: OrgRefDto | null;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ nullable: true, type: String }) addressee: string | null;
}

class TransferHolderDto {
  @ApiProperty({ enum: ['MEMBER', 'BRANCH', 'COMMITTEE', 'COUNTY', 'NONE'] }) kind: string;
  @ApiProperty({ type: OrgRefDto, nullable: true }) org: OrgRefDto | null;
}

export class TransferSummaryDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: TRANSFER_CHANNELS }) channel: string;
  @ApiProperty({ enum: TRANSFER_STATES }) state: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: TransferMemberDto }) member: TransferMemberDto;
  @ApiProperty({ type: OrgRefDto, nullable: true }) source: OrgRefDto | null;
  @ApiProperty({ type: TransferDestinationDto }) destination: TransferDestinationDto;
  @ApiProperty({ enum: TRANSFER_REASONS, nullable: true, description: 'Null while a draft has none chosen' }) reason: string | null;
  @ApiProperty({ type: TransferHolderDto }) holder: TransferHolderDto;
  @ApiProperty({ nullable: true, type: String }) dueAt: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ required: false, description: 'queue=done only: when the caller last acted on it (the order of that list)' }) actedAt?: string;
  @ApiProperty({ nullable: true, type: String, description: 'While the receiving branch’s talk with the member is still to be held: its last day' })
  talkDueOn: string | null;
}

class TransferEventDto {
  @ApiProperty() id: number;
  @ApiProperty() at: string;
  @ApiProperty() action: string;
  @ApiProperty({ nullable: true, enum: TRANSFER_STATES }) fromState: string | null;
  @ApiProperty({ enum: TRANSFER_STATES }) toState: string;
  @ApiProperty() actorName: string;
  @ApiProperty({ nullable: true, type: String }) actorRole: string | null;
  @ApiProperty({ nullable: true, type: String }) actorOrg: string | null;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ required: false, type: [String] }) missing?: string[];
  @ApiProperty({ required: false }) letterSerial?: string;
  @ApiProperty({ required: false }) reissueOf?: string;
  @ApiProperty({ required: false }) branch?: string;
  @ApiProperty({ required: false, nullable: true, type: String }) receiptHandler?: string | null;
  @ApiProperty({ required: false, nullable: true, type: String }) receiptPhone?: string | null;
  @ApiProperty({ required: false }) incomingLetterNo?: string;
  @ApiProperty({ required: false, description: 'recordTalk: the day the talk was held' }) talkHeldOn?: string;
}

class TransferTalkDto {
  @ApiProperty({ description: 'The last day it is due (Xinyi’s date)' }) dueOn: string;
  @ApiProperty({ nullable: true, type: String }) heldOn: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() overdue: boolean;
}

class LetterViewDto {
  @ApiProperty() id: number;
  @ApiProperty() serial: string;
  @ApiProperty({ enum: ['VALID', 'USED', 'EXPIRED', 'REVOKED', 'VOID'] }) status: string;
  @ApiProperty() issuedAt: string;
  @ApiProperty() validUntil: string;
  @ApiProperty() validityDays: number;
  @ApiProperty({ type: OrgRefDto }) issuer: OrgRefDto;
  @ApiProperty() addressee: string;
  @ApiProperty({ nullable: true, type: String }) reissueOf: string | null;
  @ApiProperty() verifyUrl: string;
  @ApiProperty() printCount: number;
}

class TransferFlagsDto {
  @ApiProperty() duesOwedMonths: number;
  @ApiProperty() probationOverdue: boolean;
}

export class TransferDetailDto extends TransferSummaryDto {
  @ApiProperty({ type: OrgRefDto, nullable: true, description: 'Who works the current step on behalf of a holder with no administrator of its own (代办)' })
  servedBy: OrgRefDto | null;
  @ApiProperty() reasonDetail: string;
  @ApiProperty() duesPaidThrough: string;
  @ApiProperty() phone: string;
  @ApiProperty({ nullable: true, type: [String] }) returnNote: string[] | null;
  @ApiProperty({ nullable: true, type: Object }) checklist: Record<string, boolean> | null;
  @ApiProperty() countyApprovalRequired: boolean;
  @ApiProperty({ nullable: true, type: String }) incomingLetterNo: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'INBOUND: the last valid day of the letter the member brought (YYYY-MM-DD)' }) incomingValidUntil: string | null;
  @ApiProperty({ nullable: true, type: Object }) incomingMember: Record<string, string> | null;
  @ApiProperty({ type: OrgRefDto, nullable: true }) destinationBranch: OrgRefDto | null;
  @ApiProperty({ type: LetterViewDto, nullable: true }) letter: LetterViewDto | null;
  @ApiProperty({ type: [LetterViewDto] }) letters: LetterViewDto[];
  @ApiProperty({ type: [TransferEventDto] }) events: TransferEventDto[];
  @ApiProperty({ enum: USER_TRANSFER_ACTIONS, isArray: true }) allowedActions: string[];
  @ApiProperty({ type: TransferFlagsDto }) flags: TransferFlagsDto;
  @ApiProperty({ nullable: true, type: String }) completedAt: string | null;
  @ApiProperty({ type: TransferTalkDto, nullable: true, description: 'The receiving branch’s talk with the member after reporting (in-county and inbound)' })
  talk: TransferTalkDto | null;
  @ApiProperty() canRecordTalk: boolean;
  @ApiProperty({ description: 'Whether the caller may open the member’s record (it lies in their scope)' }) memberRecordReadable: boolean;
}

/** Counted up to QUEUE_COUNT_CAP (99); 100 means "more than 99". */
class QueueCountsDto {
  @ApiProperty({ maximum: 100, description: 'Up to 99; 100 means more than 99' }) todo: number;
  @ApiProperty({ maximum: 100, description: 'Up to 99; 100 means more than 99' }) watching: number;
  @ApiProperty({ maximum: 100, description: 'Up to 99; 100 means more than 99' }) done: number;
}

export class TransferPageDto {
  @ApiProperty({ type: [TransferSummaryDto] }) items: TransferSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ type: QueueCountsDto }) counts: QueueCountsDto;
  @ApiPropertyOptional({ description: 'The ledger (queue=all), on its first page: how many applications the filters match' })
  total?: number;
}

export class LetterVerificationDto {
  @ApiProperty({ enum: ['valid', 'expired', 'used', 'revoked'] }) status: string;
  @ApiProperty() serial: string;
  @ApiProperty() issuer: string;
  @ApiProperty() receiver: string;
  @ApiProperty() issuedAt: string;
  @ApiProperty() validUntil: string;
  @ApiProperty({ example: '王*明' }) memberName: string;
}

