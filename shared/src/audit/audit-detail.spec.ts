import { describe, expect, it } from 'vitest';
import { auditDetailLinesZh } from './audit-detail';
import { auditDetailLinesEn } from './audit-labels.en';

describe('an audit record’s detail in words', () => {
  it('names the fields and the transfer states, the checklist and the comment in Chinese', () => {
    const checklist = { identityVerified: true, duesPaid: true, goodStanding: true, destinationExact: true, probationHandled: true, materialsComplete: true };
    expect(auditDetailLinesZh({ from: 'SUBMITTED', to: 'PRE_APPROVED', comment: '材料齐全，同意转出', checklist })).toEqual([
      '原状态：待初审',
      '新状态：待党委审批',
      '意见：材料齐全，同意转出',
      '初审核对：已确认 6 项，共 6 项',
    ]);
  });

  it('says a booking’s centre, member and purpose; yes and no; nothing for an empty reason', () => {
    expect(auditDetailLinesZh({ member: '邵熠彤', center: '新安街道党群服务中心', purpose: 'HAND_IN_MATERIALS', reason: null, returning: false })).toEqual([
      '党员：邵熠彤',
      '服务中心：新安街道党群服务中心',
      '办理事项：递交材料',
      '原因：—',
      '回流党员：否',
    ]);
  });

  it('gives an instant the API recorded in Beijing time, and a visit’s move its old and new time', () => {
    expect(auditDetailLinesZh({ centerId: 59, start: '2026-12-08T00:30:00.000Z', purpose: 'CONSULTATION' })).toEqual(['服务中心编号：59', '预约时间：2026-12-08 08:30', '办理事项：业务咨询']);
    expect(auditDetailLinesZh({ from: '2026-12-08T00:30:00.000Z', to: '2026-12-06T15:00:00.000Z' })).toEqual(['原时间：2026-12-08 08:30', '新时间：2026-12-06 23:00']);
  });

  it('names an appointment’s role', () => {
    expect(auditDetailLinesZh({ role: 'BRANCH_ADMIN', orgId: 40, memberId: 301 })).toEqual(['角色：党支部管理员', '党组织编号：40', '党员编号：301']);
  });

  it('puts an edit in words, one line per changed field with its old and new value, after the record’s other facts', () => {
    const detail = {
      member: '王建国',
      before: { channel: 'IN_COUNTY', reason: 'JOB_CHANGE', phone: '13800000001', destinationRegion: null },
      after: { channel: 'CROSS_PROVINCE', reason: 'RESIDENCE', phone: '13912349999', destinationRegion: '浙江省杭州市' },
    };
    expect(auditDetailLinesZh(detail)).toEqual(['党员：王建国', '转接方式：市内转接 → 跨省转出', '原因：工作变动 → 居住地变更', '联系电话：13800000001 → 13912349999', '接收党组织所在地区：— → 浙江省杭州市']);
    expect(auditDetailLinesEn(detail)).toEqual(['Member: 王建国', 'Channel: Within Xinyi → To another province', 'Reason: New job → Moved home', 'Phone: 13800000001 → 13912349999', 'Receiving region: — → 浙江省杭州市']);
  });

  it('names a quiz question’s answer key and options, an article’s digest, and a group of fields recorded before', () => {
    expect(auditDetailLinesZh({ moduleId: 7, before: { answer: ['A'], options: ['A. 是', 'B. 否'] }, after: { answer: ['B'], options: ['A. 是', 'B. 不是'] } })).toEqual([
      '课程编号：7',
      '答案：A → B',
      '选项：A. 是；B. 否 → A. 是；B. 不是',
    ]);
    expect(auditDetailLinesZh({ before: { body: { chars: 120, sha256: 'ab12', excerpt: '学习贯彻…' } }, after: { body: null } })).toEqual(['正文：字符数：120；SHA-256：ab12；开头：学习贯彻… → —']);
    expect(auditDetailLinesZh({ before: { working: false, name: '元旦' } })).toEqual(['修改前：工作日：否；名称：元旦']);
  });

  it('keeps a key it has no word for as recorded, and has no lines for no detail', () => {
    expect(auditDetailLinesZh({ sessionId: 86, somethingNew: { a: 1 } })).toEqual(['会话编号：86', 'somethingNew：{"a":1}']);
    expect(auditDetailLinesZh(null)).toEqual([]);
  });
});
