import { Injectable } from '@nestjs/common';
import { EDUCATION_LABELS_ZH, MEMBER_CATEGORY_LABELS_ZH, MEMBER_POST_LABELS_ZH, Permission, SEX_LABELS_ZH, chinaDate } from '@zhdj/shared';
import { stream } from 'exceljs';
import type { Writable } from 'node:stream';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { Db, toBool } from '../common/database/db.service';
import { nextPage } from '../common/download';
import { keysetSql } from '../common/pagination/cursor';
import type { MemberFilterQuery } from './dto/member.dto';
import { writeHeader } from './member-excel';
import { MembersService, filtersOf } from './members.service';

const PAGE = 1000;
const STATUS_ZH: Record<string, string> = { ACTIVE: '正常', IN_TRANSFER: '转接中', TRANSFERRED_OUT: '已转出' };

interface ExportRow {
  id: number;
  org_path: string;
  name: string;
  sex: 'M' | 'F';
  ethnicity: string;
  id_number_masked: string;
  birth_date: string;
  phone: string;
  education: keyof typeof EDUCATION_LABELS_ZH;
  category: keyof typeof MEMBER_CATEGORY_LABELS_ZH;
  joined_at: string;
  probation_ends_at: string | null;
  code: string;
  org_name: string;
  dues_paid_through: string;
  post: keyof typeof MEMBER_POST_LABELS_ZH | null;
  is_retired: unknown;
  is_mobile: unknown;
  is_graduate: unknown;
  status: string;
}

/**
 * Streams the filtered member list as .xlsx, a page of rows at a time, so exporting the whole county never holds
 * 48,000 rows in memory. ID numbers are exported masked.
 */
@Injectable()
export class MemberExportService {
  constructor(
    private readonly db: Db,
    private readonly members: MembersService,
    private readonly audit: AuditService,
  ) {}

  async prepare(actor: Actor, query: MemberFilterQuery): Promise<{ filename: string; write: (out: Writable) => Promise<void> }> {
    const { org, total } = await this.members.count(actor, query, Permission.MEMBER_EXPORT);
    const filter = this.members.filterSql({ path: org.path, ...filtersOf(query) });
    return {
      filename: `党员名册-${org.shortName}-${chinaDate()}.xlsx`,
      write: async (out) => {
        // Recorded before the first byte leaves: the response ends with the workbook, so an audit row written after
        // it could come too late for a reader, or never (a failed insert after the data was already delivered).
        await this.db.tx((em) =>
          this.audit.record(em, actor, {
            action: 'member.export',
            targetType: 'organization',
            targetId: org.id,
            permission: Permission.MEMBER_EXPORT,
            path: org.path,
            detail: { rows: total, filter: filtersOf(query) },
          }),
        );
        const wb = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
        const sheet = wb.addWorksheet('党员名册');
        writeHeader(sheet, [
          { header: '所在党支部', key: 'orgName' },
          { header: '状态', key: 'status' },
        ]);
        let after: [string, number] | null = null;
        for (;;) {
          await nextPage(out);
          const where = [...filter.where];
          const params = [...filter.params];
          if (after) {
            where.push(keysetSql('m.org_path', 'm.id'));
            params.push(after[0], after[0], after[1]);
          }
          const rows: ExportRow[] = await this.db.query(
            `SELECT m.id, m.org_path, m.name, m.sex, m.ethnicity, m.id_number_masked, m.birth_date, m.phone, m.education, m.category,
                    m.joined_at, m.probation_ends_at, o.code, o.name AS org_name, m.dues_paid_through, m.post,
                    m.is_retired, m.is_mobile, m.is_graduate, m.status
               FROM members m JOIN organizations o ON o.id = m.org_id
              WHERE ${where.join(' AND ')} ORDER BY m.org_path, m.id LIMIT ${PAGE}`,
            params,
          );
          for (const r of rows) {
            sheet
              .addRow({
                name: r.name,
                sex: SEX_LABELS_ZH[r.sex],
                ethnicity: r.ethnicity,
                idNumber: r.id_number_masked,
                birthDate: r.birth_date,
                phone: r.phone,
                education: EDUCATION_LABELS_ZH[r.education],
                category: MEMBER_CATEGORY_LABELS_ZH[r.category],
                joinedAt: r.joined_at,
                probationEndsAt: r.probation_ends_at ?? '',
                orgCode: r.code,
                duesPaidThrough: r.dues_paid_through,
                post: r.post ? MEMBER_POST_LABELS_ZH[r.post] : '',
                isRetired: toBool(r.is_retired) ? '是' : '否',
                isMobile: toBool(r.is_mobile) ? '是' : '否',
                isGraduate: toBool(r.is_graduate) ? '是' : '否',
                orgName: r.org_name,
                status: STATUS_ZH[r.status] ?? r.status,
              })
              .commit();
          }
          if (rows.length < PAGE) break;
          const last = rows[rows.length - 1];
          after = [last.org_path, Number(last.id)];
        }
        sheet.commit();
        await wb.commit();
      },
    };
  }
}
