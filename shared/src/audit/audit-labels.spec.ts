import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, auditActionLabelZh, auditAreaActions, auditTargetTypeLabelZh, transferEventOf } from './audit-labels';

describe('the audit log’s words', () => {
  it('has Chinese words for every action the server records and every kind of object', () => {
    const unnamed = AUDIT_ACTIONS.filter((action) => auditActionLabelZh(action) === action);
    expect(unnamed).toEqual([]);
    expect(AUDIT_TARGET_TYPES.filter((type) => auditTargetTypeLabelZh(type) === type)).toEqual([]);
  });

  it('lists the actions recorded outside the transfer machine too (undoing a mark, the talk after reporting)', () => {
    expect(auditAreaActions('booking')).toContain('booking.undoMark');
    expect(auditAreaActions('transfer')).toContain('transfer.recordTalk');
    expect(auditAreaActions('transfer')).toContain('transfer.expire');
  });

  it('names a transfer’s steps as its timeline does, and approval neutrally (committee or county)', () => {
    expect(auditActionLabelZh('transfer.preApprove')).toBe('党支部初审通过');
    expect(auditActionLabelZh('transfer.update')).toBe('修改申请');
    expect(auditActionLabelZh('transfer.registerInbound')).toBe('登记转入');
    expect(transferEventOf('transfer.approve')).toBeNull();
    expect(auditActionLabelZh('transfer.approve')).toBe('审批通过');
    expect(auditActionLabelZh('auth.mfa.setup')).toBe('开始设置两步验证');
    expect(auditActionLabelZh('calendar.day.sweep')).toBe('取消放假日的预约');
  });

  it('shows what it has no words for as recorded, even a name that reaches into the object', () => {
    expect(auditActionLabelZh('transfer.somethingNew')).toBe('transfer.somethingNew');
    expect(auditActionLabelZh('auth.mfa')).toBe('auth.mfa');
    expect(auditActionLabelZh('auth.toString')).toBe('auth.toString');
    expect(auditTargetTypeLabelZh('constructor')).toBe('constructor');
    expect(auditTargetTypeLabelZh('widget')).toBe('widget');
  });
});
