import { Injectable } from '@nestjs/common';
import {
  DUES_AHEAD_MONTHS_MAX,
  ErrorCode,
  IMPORT_MAX_ROWS,
  MEMBER_IMPORT_COLUMNS,
  MOBILE_PATTERN,
  Permission,
  YEAR_MONTH_PATTERN,
  idBirthDate,
  idNumberProblem,
  idSex,
  isCalendarDate,
  memberDateProblems,
  normalizeIdNumber,
  shiftYearMonth,
  importProblemZh,
  type ImportProblem,
  type ImportProblemParams,
  type ImportRowError,
  type MemberImportColumnKey,
} from '@zhdj/shared';
import { Workbook } from 'exceljs';
import { In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { User } from '../auth/entities/user.entity';
import type { Actor } from '../common/actor';
import { shanghaiDate } from '../common/calendar/china-calendar';
import { IdNumberCipher } from '../common/crypto/id-number-cipher';
import { Db } from '../common/database/db.service';
import { AppException, badRequest } from '../common/errors/app.exception';
import { Organization } from '../organizations/entities/organization.entity';
import { lockTree } from '../organizations/org-counts';
import { Member } from './entities/member.entity';
import { CATEGORY_BY_LABEL, EDUCATION_BY_LABEL, ETHNICITY_SET, NO, POST_BY_LABEL, SEX_BY_LABEL, YES, cellText, writeHeader } from './member-excel';
import { MemberWriter, type NewMember } from './member-writer';

const MAX_REPORTED_ERRORS = 1000;
const headerOf = (key: MemberImportColumnKey) => MEMBER_IMPORT_COLUMNS.find((c) => c.key === key)!.header;
/** One problem of a row: its code and parameters for the web to word, and the Chinese text for other API users. */
const problemAt = (row: number, field: ImportRowError['field'], problem: ImportProblem, params: ImportProblemParams = {}): ImportRowError => ({
  row,
  field,
  problem,
  params,
  message: importProblemZh(problem, params),
});

type Parsed = Omit<NewMember, 'orgId' | 'orgPath'> & { orgCode: string; row: number };

/**
 * Excel import of members: every row is checked (ID check digit, duplicates in the file and in the database,
 * organisation codes in scope, dates) and nothing is written unless every row passes.
 */
@Injectable()
export class MemberImportService {
  constructor(
    private readonly db: Db,
    private readonly cipher: IdNumberCipher,
    private readonly writer: MemberWriter,
    private readonly audit: AuditService,
  ) {}

  async template(): Promise<Buffer> {
    const wb = new Workbook();
    writeHeader(wb.addWorksheet('党员信息'));
    const help = wb.addWorksheet('填写说明');
    help.columns = [{ header: '列', width: 18 }, { header: '说明', width: 80 }];
    const notes: Record<MemberImportColumnKey, string> = {
      name: '必填，1–50 个字',
      sex: '必填：男 / 女（须与身份证号一致）',
      ethnicity: '必填：56 个民族之一，如 汉族',
      idNumber: '必填：18 位公民身份号码，请以文本格式填写',
      birthDate: '必填：YYYY-MM-DD（须与身份证号一致）',
      phone: '必填：11 位手机号码，同时作为党员登录账号',
      education: `必填：${Object.keys(Object.fromEntries(EDUCATION_BY_LABEL)).join(' / ')}`,
      category: '必填：正式党员 / 预备党员',
      joinedAt: '必填：YYYY-MM-DD',
      probationEndsAt: '预备党员必填：YYYY-MM-DD',
      orgCode: '必填：所在党支部的组织编码',
      duesPaidThrough: '必填：YYYY-MM，党费交至的月份',
      post: '选填：书记 / 副书记 / 委员',
      isRetired: '选填：是 / 否',
      isMobile: '选填：是 / 否',
      isGraduate: '选填：是 / 否',
    };
    for (const c of MEMBER_IMPORT_COLUMNS) help.addRow([c.header, notes[c.key]]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  async import(actor: Actor, file: Buffer): Promise<{ imported: number }> {
    const { rows, errors } = await this.parse(file);
    if (!rows.length && !errors.length) throw badRequest(ErrorCode.IMPORT_INVALID, 'The file has no member rows', []);
    // A refused file whose ID numbers or phones are found registered told its importer that those people are Party
    // members, possibly elsewhere in the county: who learnt it, and of how many, is recorded although nothing was imported.
    const found = { idRegistered: 0, phoneTaken: 0 };
    // The file's member rows, readable or not.
    const fileRows = new Set([...rows.map((r) => r.row), ...errors.map((e) => e.row)]).size;
    try {
      return await this.importRows(actor, rows, errors, found);
    } catch (e) {
      if (found.idRegistered || found.phoneTaken) {
        await this.db.tx((em) =>
          this.audit.record(em, actor, { action: 'member.importRefused', targetType: 'member', permission: Permission.MEMBER_IMPORT, detail: { rows: fileRows, ...found } }),
        );
      }
      throw e;
    }
  }

  /** The import itself, in one transaction; `found` is filled with how many rows were found registered already. */
  private importRows(actor: Actor, rows: Parsed[], errors: ImportRowError[], found: { idRegistered: number; phoneTaken: number }): Promise<{ imported: number }> {
    return this.db.tx(async (em) => {
      await lockTree(em);
      // Organisation codes: must exist, be branches, and lie inside the importer's scope.
      const codes = [...new Set(rows.map((r) => r.orgCode))];
      const orgs = new Map<string, Organization>();
      for (let i = 0; i < codes.length; i += 500) {
        for (const o of await em.find(Organization, { where: { code: In(codes.slice(i, i + 500)) } })) orgs.set(o.code, o);
      }
      const seenId = new Map<string, number>();
      const seenPhone = new Map<string, number>();
      const hashes = rows.map((r) => this.cipher.hash(r.idNumber));
      const takenHashes = new Set<string>();
      const takenPhones = new Set<string>();
      for (let i = 0; i < rows.length; i += 500) {
        const hs = hashes.slice(i, i + 500);
        const ps = rows.slice(i, i + 500).map((r) => r.phone);
        for (const m of await em.find(Member, { select: { idNumberHash: true }, where: { idNumberHash: In(hs) } })) takenHashes.add(m.idNumberHash);
        for (const m of await em.find(Member, { select: { phone: true }, where: { phone: In(ps) } })) takenPhones.add(m.phone);
        for (const u of await em.find(User, { select: { username: true }, where: { username: In(ps) } })) takenPhones.add(u.username);
      }
      const ready: NewMember[] = [];
      rows.forEach((r, i) => {
        const org = orgs.get(r.orgCode);
        if (!org || !actor.covers(org.path, Permission.MEMBER_IMPORT)) {
          errors.push(problemAt(r.row, 'orgCode', 'orgNotInScope', { code: r.orgCode }));
        } else if (org.level !== 'BRANCH') {
          errors.push(problemAt(r.row, 'orgCode', 'orgNotBranch', { code: r.orgCode }));
        }
        const firstId = seenId.get(hashes[i]);
        if (firstId) errors.push(problemAt(r.row, 'idNumber', 'idRepeated', { row: firstId }));
        else seenId.set(hashes[i], r.row);
        if (takenHashes.has(hashes[i])) errors.push(problemAt(r.row, 'idNumber', 'idRegistered'));
        const firstPhone = seenPhone.get(r.phone);
        if (firstPhone) errors.push(problemAt(r.row, 'phone', 'phoneRepeated', { row: firstPhone }));
        else seenPhone.set(r.phone, r.row);
        if (takenPhones.has(r.phone)) errors.push(problemAt(r.row, 'phone', 'phoneTaken'));
        if (org) ready.push({ ...r, orgId: org.id, orgPath: org.path });
      });
      found.idRegistered = errors.filter((e) => e.problem === 'idRegistered').length;
      found.phoneTaken = errors.filter((e) => e.problem === 'phoneTaken').length;
      if (errors.length) throw this.invalid(errors);
      const ids = await this.writer.insert(em, ready);
      await this.audit.recordMany(
        em,
        actor,
        ids.map((id, i) => ({
          action: 'member.create',
          targetType: 'member',
          targetId: id,
          permission: Permission.MEMBER_IMPORT,
          path: ready[i].orgPath,
          detail: { name: ready[i].name, orgId: ready[i].orgId, via: 'import' },
        })),
      );
      await this.audit.record(em, actor, { action: 'member.import', targetType: 'member', detail: { rows: ids.length }, permission: Permission.MEMBER_IMPORT });
      return { imported: ids.length };
    });
  }

  /** Reads the first sheet; each row becomes a member or a list of what is wrong with it. */
  private async parse(file: Buffer): Promise<{ rows: Parsed[]; errors: ImportRowError[] }> {
    const wb = new Workbook();
    try {
      await wb.xlsx.load(file as unknown as ArrayBuffer);
    } catch {
      throw badRequest(ErrorCode.IMPORT_FILE_UNREADABLE, 'The file is not a readable .xlsx workbook; download the template and try again');
    }
    const sheet = wb.worksheets[0];
    if (!sheet) throw badRequest(ErrorCode.IMPORT_FILE_UNREADABLE, 'The workbook has no sheet');
    // Columns are found by their Chinese header, so their order in the file does not matter.
    const colOf = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, col) => colOf.set(cellText(cell).text, col));
    const missing = MEMBER_IMPORT_COLUMNS.filter((c) => !colOf.has(c.header)).map((c) => c.header);
    if (missing.length) {
      throw badRequest(ErrorCode.IMPORT_INVALID, `The header row lacks: ${missing.join('、')}`, missing.map((header) => problemAt(1, 'row', 'missingColumn', { header })));
    }
    if (sheet.actualRowCount - 1 > IMPORT_MAX_ROWS) {
      throw badRequest(ErrorCode.IMPORT_INVALID, `At most ${IMPORT_MAX_ROWS} rows per file`);
    }
    const rows: Parsed[] = [];
    const errors: ImportRowError[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, n) => {
      if (n === 1) return;
      const v = {} as Record<MemberImportColumnKey, string>;
      let numericId = false;
      for (const c of MEMBER_IMPORT_COLUMNS) {
        const t = cellText(row.getCell(colOf.get(c.header)!));
        v[c.key] = t.text;
        if (c.key === 'idNumber') numericId = t.numeric;
      }
      if (Object.values(v).every((x) => x === '')) return;
      // Problems are counted, not searched for by row: a file wrong on every row would make that search quadratic.
      const problemsBefore = errors.length;
      const err = (field: MemberImportColumnKey | 'row', problem: ImportProblem, params?: ImportProblemParams) => errors.push(problemAt(n, field, problem, params));
      for (const c of MEMBER_IMPORT_COLUMNS) if (c.required && !v[c.key]) err(c.key, 'required', { header: c.header });
      if (v.name && !/^[\u3400-\u9fff·•A-Za-z ]{1,50}$/.test(v.name)) err('name', 'nameFormat');
      const sex = SEX_BY_LABEL.get(v.sex);
      if (v.sex && !sex) err('sex', 'sexValue');
      if (v.ethnicity && !ETHNICITY_SET.has(v.ethnicity)) err('ethnicity', 'ethnicityUnknown', { value: v.ethnicity });
      const idNumber = normalizeIdNumber(v.idNumber);
      if (v.idNumber) {
        const problem = idNumberProblem(idNumber);
        // Excel keeps 15 significant digits, so an ID stored as a number has lost its last ones even when what is
        // left happens to pass the check digit.
        if (numericId) err('idNumber', 'idNumberAsNumber');
        else if (problem === 'checkDigit') err('idNumber', 'idCheckDigit');
        else if (problem) err('idNumber', 'idFormat');
        else {
          // A date not written as one is reported once, as such, not also as not matching.
          if (v.birthDate && isCalendarDate(v.birthDate) && idBirthDate(idNumber) !== v.birthDate) err('birthDate', 'birthDateMismatch', { expected: idBirthDate(idNumber)! });
          if (sex && idSex(idNumber) !== sex) err('sex', 'sexMismatch');
        }
      }
      if (v.birthDate && !isCalendarDate(v.birthDate)) err('birthDate', 'dateFormat', { header: headerOf('birthDate') });
      if (v.phone && !MOBILE_PATTERN.test(v.phone)) err('phone', 'phoneFormat');
      const education = EDUCATION_BY_LABEL.get(v.education);
      if (v.education && !education) err('education', 'educationUnknown', { value: v.education });
      const category = CATEGORY_BY_LABEL.get(v.category);
      if (v.category && !category) err('category', 'categoryValue');
      if (v.joinedAt && !isCalendarDate(v.joinedAt)) err('joinedAt', 'dateFormat', { header: headerOf('joinedAt') });
      if (category === 'PROBATIONARY' && !v.probationEndsAt) err('probationEndsAt', 'probationEndRequired');
      if (v.probationEndsAt && !isCalendarDate(v.probationEndsAt)) err('probationEndsAt', 'dateFormat', { header: headerOf('probationEndsAt') });
      if (v.duesPaidThrough && !YEAR_MONTH_PATTERN.test(v.duesPaidThrough)) err('duesPaidThrough', 'yearMonthFormat', { header: headerOf('duesPaidThrough') });
      // The dates' rule a member created on screen or arriving from outside is held to (shared: memberDateProblems).
      if (errors.length === problemsBefore && v.birthDate && v.joinedAt && v.duesPaidThrough) {
        const today = shanghaiDate(new Date());
        for (const p of memberDateProblems({ birthDate: v.birthDate, joinedAt: v.joinedAt, duesPaidThrough: v.duesPaidThrough }, today)) {
          if (p.constraint === 'afterBirth') err('joinedAt', 'joinedAfterBirth');
          else if (p.field === 'joinedAt') err('joinedAt', 'joinedInFuture');
          else err('duesPaidThrough', 'duesTooFarAhead', { latest: shiftYearMonth(today.slice(0, 7), DUES_AHEAD_MONTHS_MAX) });
        }
      }
      const post = v.post ? POST_BY_LABEL.get(v.post) : null;
      if (v.post && !post) err('post', 'postValue');
      const flag = (key: 'isRetired' | 'isMobile' | 'isGraduate') => {
        if (YES.has(v[key])) return true;
        if (!NO.has(v[key])) err(key, 'yesNo');
        return false;
      };
      const flags = { isRetired: flag('isRetired'), isMobile: flag('isMobile'), isGraduate: flag('isGraduate') };
      if (errors.length > problemsBefore) return;
      rows.push({
        row: n,
        name: v.name,
        sex: sex!,
        ethnicity: v.ethnicity,
        birthDate: v.birthDate,
        idNumber,
        phone: v.phone,
        education: education!,
        category: category!,
        joinedAt: v.joinedAt,
        probationEndsAt: v.probationEndsAt || null,
        orgCode: v.orgCode,
        duesPaidThrough: v.duesPaidThrough,
        post: post ?? null,
        ...flags,
      });
    });
    return { rows, errors };
  }

  private invalid(errors: ImportRowError[]): AppException {
    errors.sort((a, b) => a.row - b.row);
    const rowsWithErrors = new Set(errors.map((e) => e.row)).size;
    return badRequest(
      ErrorCode.IMPORT_INVALID,
      `${rowsWithErrors} row(s) have problems; nothing was imported`,
      errors.slice(0, MAX_REPORTED_ERRORS),
    );
  }
}
