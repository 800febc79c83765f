import type { Faker } from '@faker-js/faker';
import { chinaDate, idCheckChar, type Education, type MemberPost } from '@zhdj/shared';
import type { NewMember } from '../../members/member-writer';
import { chance, intBetween, pick } from './rng';

/**
 * Region code 320399 lies inside Xuzhou's range (3203xx) but is assigned to no district, so no seeded ID number can
 * belong to a real person, while masked numbers still read `3203**********1234` like the county's own.
 */
export const SEED_REGION = '320399';

const OTHER_ETHNICITIES = ['回族', '满族', '蒙古族', '壮族', '苗族', '土家族', '朝鲜族', '彝族'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`.replace(/-02-29$/, '-02-28');

export class PeopleFactory {
  private readonly ids = new Set<string>();
  private readonly phones = new Set<string>();

  constructor(
    private readonly f: Faker,
    /** "Today" for ages and dues: fixed by the caller so the seed is deterministic. */
    private readonly today: Date,
  ) {}

  /** One member of a branch; `post` is decided by the caller (one secretary per branch, a few committee members). */
  member(org: { id: number; path: string; type: string }, post: MemberPost | null): NewMember {
    const f = this.f;
    // Today as Xinyi counts it (for eight hours of each day UTC is still on the day before).
    const today = chinaDate(this.today);
    const year = Number(today.slice(0, 4));
    const retiredBranch = org.type === 'ORGAN' && chance(f, 0.1);
    // Ages 19–92, weighted towards working age; rural branches are older.
    let age = Math.round(f.number.float({ min: 0, max: 1 }) ** 0.9 * 70) + 22;
    if (org.type === 'RURAL' && chance(f, 0.35)) age = intBetween(f, 55, 88);
    if (org.type === 'SCHOOL' || org.type === 'PRIVATE_ENTERPRISE') age = Math.min(age, intBetween(f, 23, 60));
    if (retiredBranch) age = intBetween(f, 60, 90);
    const probationary = age < 45 && chance(f, 0.14);
    if (probationary) age = intBetween(f, 20, 40);
    const sex: 'M' | 'F' = chance(f, 0.7) ? 'M' : 'F';
    const birth = new Date(Date.UTC(year - age, intBetween(f, 0, 11), intBetween(f, 1, 28)));
    const birthDate = iso(birth);
    const idNumber = this.idNumber(birthDate, sex);
    const joinYear = probationary ? year - (chance(f, 0.85) ? 0 : 1) : Math.min(year - 1, birth.getUTCFullYear() + intBetween(f, 19, Math.max(19, Math.min(45, age - 1))));
    let joinedAt = `${joinYear}-${pad(intBetween(f, 1, 12))}-${pad(intBetween(f, 1, 28))}`;
    // Drawn whether it is needed or not: a draw made only on some days would shift every later one, and the county
    // would come out different each day (a check counting seeded transfers failed on it).
    const daysBack = intBetween(f, 20, 200);
    if (joinedAt > today) joinedAt = iso(new Date(Date.parse(today) - daysBack * 86400_000));
    // A full member served a year's probation first: one who joined less than a year ago (last year, after today's
    // date) joined a year earlier — a letter calling a member of eleven months 正式党员 contradicted itself.
    if (!probationary && joinedAt > addYears(today, -1)) joinedAt = addYears(joinedAt, -1);
    const education = this.education(age, org.type);
    const behind = chance(f, 0.08) ? intBetween(f, 2, 8) : chance(f, 0.3) ? 1 : 0;
    const dues = new Date(Date.UTC(year, Number(today.slice(5, 7)) - 1 - behind, 1));
    return {
      name: f.person.lastName() + f.person.firstName(sex === 'M' ? 'male' : 'female'),
      sex,
      ethnicity: chance(f, 0.985) ? '汉族' : pick(f, OTHER_ETHNICITIES),
      birthDate,
      idNumber,
      phone: this.phone(),
      education,
      category: probationary ? 'PROBATIONARY' : 'FULL',
      joinedAt,
      probationEndsAt: probationary ? addYears(joinedAt, 1) : null,
      orgId: org.id,
      orgPath: org.path,
      duesPaidThrough: `${dues.getUTCFullYear()}-${pad(dues.getUTCMonth() + 1)}`,
      post,
      isRetired: age >= 60 && chance(f, 0.85),
      isMobile: age < 55 && chance(f, 0.045),
      isGraduate: age <= 26 && chance(f, 0.4),
      since: joinedAt,
    };
  }

  private idNumber(birthDate: string, sex: 'M' | 'F'): string {
    for (;;) {
      let seq = intBetween(this.f, 0, 999);
      if ((seq % 2 === 1) !== (sex === 'M')) seq = (seq + 1) % 1000;
      const first17 = SEED_REGION + birthDate.replaceAll('-', '') + pad(seq, 3);
      const id = first17 + idCheckChar(first17);
      if (!this.ids.has(id)) {
        this.ids.add(id);
        return id;
      }
    }
  }

  private phone(): string {
    for (;;) {
      const p = pick(this.f, ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '177', '180', '181', '182', '187', '188', '189', '199']) + pad(intBetween(this.f, 0, 99_999_999), 8);
      if (!this.phones.has(p)) {
        this.phones.add(p);
        return p;
      }
    }
  }

  private education(age: number, type: string): Education {
    const f = this.f;
    if (type === 'SCHOOL' || type === 'INSTITUTION' || type === 'ORGAN') return pick(f, ['BACHELOR', 'BACHELOR', 'BACHELOR', 'MASTER', 'COLLEGE', 'MASTER', 'DOCTOR']);
    if (age > 65) return pick(f, ['PRIMARY', 'JUNIOR', 'JUNIOR', 'SENIOR']);
    if (age > 45) return pick(f, ['JUNIOR', 'SENIOR', 'SENIOR', 'COLLEGE', 'BACHELOR']);
    return pick(f, ['SENIOR', 'COLLEGE', 'COLLEGE', 'BACHELOR', 'BACHELOR', 'MASTER']);
  }
}
