import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CHECKLIST_ITEMS,
  EDUCATIONS,
  ETHNICITIES,
  MOBILE_PATTERN,
  MemberCategory,
  TRANSFER_CHANNELS,
  TRANSFER_QUEUES,
  TRANSFER_REASONS,
  TRANSFER_STATES,
  USER_TRANSFER_ACTIONS,
  TALK_NOTE_MAX,
  YEAR_MONTH_PATTERN,
  type Checklist,
  type Education,
  type Sex,
  type TransferAction,
  type TransferChannel,
  type TransferQueue,
  type TransferReason,
  type TransferState,
} from '@zhdj/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { HasText, IntegerText, IsCalendarDate, IsOmittable } from '../../common/validation';
import { IsIdNumber } from '../../members/dto/member.dto';
import { QueryBoolean } from '../../common/decorators/query-boolean.decorator';

const OUTGOING_CHANNELS = TRANSFER_CHANNELS.filter((c) => c !== 'INBOUND');

/** The application's editable fields; a draft may leave any of them empty, submit checks them all at once. */
export class TransferFieldsDto {
  @ApiPropertyOptional({ enum: OUTGOING_CHANNELS, default: 'IN_COUNTY' })
  @IsOmittable()
  @IsIn(OUTGOING_CHANNELS)
  channel?: Exclude<TransferChannel, 'INBOUND'>;

  @ApiPropertyOptional({ description: 'In-county destination, chosen from the organisation directory' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  destinationOrgId?: number;

  @ApiPropertyOptional({ description: 'Outside the county: the destination’s full official name' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  destinationName?: string;

  @ApiPropertyOptional({ example: '江苏省南京市', description: 'Outside the county: province and city' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  destinationRegion?: string;

  @ApiPropertyOptional({ description: '抬头: the committee with direct authority the letter is addressed to' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  destinationAddressee?: string;

  @ApiPropertyOptional({ enum: TRANSFER_REASONS })
  @IsOmittable()
  @IsIn(TRANSFER_REASONS)
  reason?: TransferReason;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  reasonDetail?: string;

  @ApiPropertyOptional({ example: '2026-11' })
  @IsOmittable()
  @Matches(YEAR_MONTH_PATTERN, { message: 'duesPaidThrough must be YYYY-MM' })
  duesPaidThrough?: string;

  @ApiPropertyOptional({ example: '13905161234' })
  @IsOmittable()
  @Matches(MOBILE_PATTERN, { message: 'phone must be an 11-digit mainland mobile number' })
  phone?: string;
}

export class CreateTransferDto extends TransferFieldsDto {
  @ApiPropertyOptional({ description: 'Administrators only: the member (in scope) to apply for; members apply for themselves' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  memberId?: number;
}

export class UpdateTransferDto extends TransferFieldsDto {
  @ApiProperty({ description: 'The version you read' })
  @IsInt()
  @Min(1)
  version: number;
}

export class ChecklistDto implements Checklist {
  @ApiProperty() @IsBoolean() identityVerified: boolean;
  @ApiProperty() @IsBoolean() duesPaid: boolean;
  @ApiProperty() @IsBoolean() goodStanding: boolean;
  @ApiProperty() @IsBoolean() destinationExact: boolean;
  @ApiProperty() @IsBoolean() probationHandled: boolean;
  @ApiProperty() @IsBoolean() materialsComplete: boolean;
}

export class TransferActionDto {
  @ApiProperty({ enum: USER_TRANSFER_ACTIONS })
  @IsIn(USER_TRANSFER_ACTIONS)
  action: Exclude<TransferAction, 'expire'>;

  @ApiProperty({ description: 'The version you saw; a stale one is refused with 409 TRANSFER_STATE_CONFLICT' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ description: 'Required for reject, return and bounce (the reason)', maxLength: 1000 })
  @IsOmittable()
  @IsString()
  @MaxLength(1000)
  comment?: string;

  @ApiPropertyOptional({ type: ChecklistDto, description: `preApprove: every item (${CHECKLIST_ITEMS.join(', ')}) confirmed` })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => ChecklistDto)
  checklist?: ChecklistDto;

  @ApiPropertyOptional({ type: [String], description: 'return: everything the member must add, listed at once' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @HasText({ each: true })
  missing?: string[];

  @ApiPropertyOptional({ description: 'accept: the branch the member is placed in' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  destinationBranchId?: number;

  @ApiPropertyOptional({ description: 'recordReceipt: who handled the receipt at the receiving committee' })
  @IsOmittable()
  @IsString()
  @MaxLength(50)
  receiptHandler?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(30)
  receiptPhone?: string;

  @ApiPropertyOptional({ description: 'Inbound reissue: the number of the corrected letter the member brought' })
  @IsOmittable()
  @IsString()
  @Length(1, 50)
  @HasText()
  incomingLetterNo?: string;

  @ApiPropertyOptional({ description: 'Inbound reissue: its last valid day (YYYY-MM-DD)' })
  @IsOmittable()
  @IsCalendarDate({ message: 'validUntil must be a calendar date, YYYY-MM-DD' })
  validUntil?: string;
}

/** The receiving branch's record of its talk (谈话) with a member who reported. */
export class RecordTalkDto {
  @ApiProperty({ description: 'The version you saw; a stale one is refused with 409 TRANSFER_STATE_CONFLICT' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ example: '2026-12-03', description: 'The day the talk was held (Xinyi’s calendar): not before the member reported, not after today' })
  @IsCalendarDate({ message: 'heldOn must be a calendar date, YYYY-MM-DD' })
  heldOn: string;

  @ApiProperty({ example: '了解工作和生活情况，明确组织生活安排', maxLength: TALK_NOTE_MAX })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, TALK_NOTE_MAX, { message: `note must be 1–${TALK_NOTE_MAX} characters: what was talked about` })
  note: string;
}

/** A member arriving from outside the county, registered from the letter they bring. */
export class RegisterInboundDto {
  @ApiProperty({ description: 'The receiving committee (or a branch under it) in your scope' })
  @IsInt()
  @Min(1)
  destinationOrgId: number;

  @ApiProperty({ example: '2026320102015' }) @IsString() @Length(1, 50) @HasText() incomingLetterNo: string;
  @ApiProperty({ example: '中共南京市玄武区委组织部' }) @IsString() @Length(2, 100) @HasText() sourceOrgName: string;
  @ApiPropertyOptional({ example: '江苏省南京市' }) @IsOptional() @IsString() @MaxLength(100) sourceRegion?: string;

  @ApiProperty({ example: '2026-12-20', description: 'The incoming letter’s last valid day' })
  @IsCalendarDate({ message: 'validUntil must be a calendar date, YYYY-MM-DD' })
  validUntil: string;

  @ApiProperty() @IsString() @Matches(/^[\u3400-\u9fff·•A-Za-z ]{1,50}$/, { message: 'name must be 1–50 Chinese or Latin letters' }) name: string;
  @ApiProperty({ enum: ['M', 'F'] }) @IsIn(['M', 'F']) sex: Sex;
  @ApiProperty({ enum: ETHNICITIES }) @IsIn(ETHNICITIES as readonly string[]) ethnicity: string;
  @ApiProperty() @IsCalendarDate({ message: 'birthDate must be a calendar date, YYYY-MM-DD' }) birthDate: string;
  @ApiProperty() @IsString() @IsIdNumber() idNumber: string;
  @ApiProperty() @Matches(MOBILE_PATTERN, { message: 'phone must be an 11-digit mainland mobile number' }) phone: string;
  @ApiProperty({ enum: EDUCATIONS }) @IsIn(EDUCATIONS) education: Education;
  @ApiProperty({ enum: Object.values(MemberCategory) }) @IsIn(Object.values(MemberCategory)) category: MemberCategory;
  @ApiProperty() @IsCalendarDate({ message: 'joinedAt must be a calendar date, YYYY-MM-DD' }) joinedAt: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((o: RegisterInboundDto) => o.category === 'PROBATIONARY' || (o.probationEndsAt !== undefined && o.probationEndsAt !== null))
  @IsCalendarDate({ message: 'probationEndsAt must be a calendar date, YYYY-MM-DD (required for probationary members)' })
  probationEndsAt?: string | null;

  @ApiProperty() @Matches(YEAR_MONTH_PATTERN, { message: 'duesPaidThrough must be YYYY-MM' }) duesPaidThrough: string;
  @ApiProperty({ enum: TRANSFER_REASONS }) @IsIn(TRANSFER_REASONS) reason: TransferReason;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reasonDetail?: string;
}

/**
 * What narrows a list of transfers (and the ledger's export): who (a name, a mobile number or a letter's number),
 * state, channel, organisation, overdue or due today, submission dates.
 */
export class TransferFilterQuery {
  @ApiPropertyOptional({
    example: '王',
    description: 'The member’s name (its beginning), their 11-digit mobile number, or a letter’s number (ours, or the one an arriving member brought)',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ enum: TRANSFER_STATES }) @IsOptional() @IsIn(TRANSFER_STATES) state?: TransferState;
  @ApiPropertyOptional({ enum: TRANSFER_CHANNELS }) @IsOptional() @IsIn(TRANSFER_CHANNELS) channel?: TransferChannel;

  @ApiPropertyOptional({ description: 'Source or destination within this organisation’s subtree' })
  @IsOptional()
  @IntegerText()
  @IsInt()
  @Min(1)
  orgId?: number;

  @ApiPropertyOptional({ description: 'Only overdue steps' })
  @QueryBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Only steps due later today (Xinyi’s day); with overdue, both' })
  @QueryBoolean()
  dueToday?: boolean;

  @ApiPropertyOptional({ enum: ['pending'], description: 'pending: completed into one of the county’s branches, its talk with the member not yet recorded' })
  @IsOptional()
  @IsIn(['pending'])
  talk?: 'pending';

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Submitted on or after this day (Xinyi’s calendar)' })
  @IsOptional()
  @IsCalendarDate({ message: 'submittedFrom must be a calendar date, YYYY-MM-DD' })
  submittedFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Submitted on or before this day (Xinyi’s calendar)' })
  @IsOptional()
  @IsCalendarDate({ message: 'submittedTo must be a calendar date, YYYY-MM-DD' })
  submittedTo?: string;
}

export class ListTransfersQuery extends TransferFilterQuery {
  @ApiPropertyOptional({ enum: TRANSFER_QUEUES, default: 'todo', description: 'all: every application in scope, whatever its state (台账)' })
  @IsOptional()
  @IsIn(TRANSFER_QUEUES)
  queue?: TransferQueue;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) cursor?: string;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @IntegerText()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export const LETTER_PDF_PURPOSES = ['print', 'view', 'download'] as const;
export type LetterPdfPurpose = (typeof LETTER_PDF_PURPOSES)[number];

/** Why the letter's PDF is fetched: a print is counted on the letter (its print count); a view or a download only audited. */
export class LetterPdfQuery {
  @ApiPropertyOptional({ enum: LETTER_PDF_PURPOSES, default: 'print' })
  @IsOptional()
  @IsIn(LETTER_PDF_PURPOSES)
  purpose?: LetterPdfPurpose;
}
