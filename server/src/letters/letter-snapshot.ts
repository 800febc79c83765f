import { MEMBER_CATEGORY_LABELS_ZH, SEX_LABELS_ZH } from '@zhdj/shared';
import { addDays } from '../common/calendar/china-calendar';
import type { Member } from '../members/entities/member.entity';
import type { Organization } from '../organizations/entities/organization.entity';
import type { Transfer } from '../transfers/entities/transfer.entity';
import type { LetterSnapshot } from './letter-pdf';

export const ageOn = (birth: string, on: string) => {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};

/** What a letter prints, frozen at issue (the letter service and the demo seed both build letters this way). */
export function letterSnapshot(p: {
  serial: string;
  transfer: Pick<Transfer, 'destinationAddressee' | 'destinationName' | 'phone'>;
  member: Pick<Member, 'name' | 'sex' | 'birthDate' | 'ethnicity' | 'category' | 'idNumberEnc' | 'duesPaidThrough' | 'phone'>;
  issuer: Pick<Organization, 'name' | 'address' | 'phone' | 'fax' | 'postcode'>;
  sourceName: string;
  issuedDate: string;
  validityDays: number;
  reissueOf: string | null;
}): LetterSnapshot {
  const { member, issuer, transfer } = p;
  return {
    serial: p.serial,
    addressee: transfer.destinationAddressee || transfer.destinationName,
    memberName: member.name,
    sex: SEX_LABELS_ZH[member.sex],
    age: ageOn(member.birthDate, p.issuedDate),
    ethnicity: member.ethnicity,
    category: MEMBER_CATEGORY_LABELS_ZH[member.category].replace('党员', ''),
    idNumberEnc: member.idNumberEnc,
    fromOrgName: p.sourceName,
    toOrgName: transfer.destinationName,
    duesPaidThrough: member.duesPaidThrough,
    validityDays: p.validityDays,
    issuedDate: p.issuedDate,
    validUntilDate: addDays(p.issuedDate, p.validityDays - 1),
    issuerName: issuer.name,
    issuerAddress: issuer.address,
    issuerPhone: issuer.phone,
    issuerFax: issuer.fax,
    issuerPostcode: issuer.postcode,
    memberPhone: transfer.phone || member.phone,
    reissueOf: p.reissueOf,
  };
}
