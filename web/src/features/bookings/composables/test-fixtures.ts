import { DEFAULT_WEEKLY_HOURS, type ServiceCenterView } from '@zhdj/shared';

/** A service centre as GET /api/service-centers returns it, run by the caller, for unit tests (override what a test is about). */
export function centerView(overrides: Partial<ServiceCenterView> = {}): ServiceCenterView {
  return {
    id: 3,
    org: { id: 2, name: '中共新安街道工作委员会', shortName: '新安街道党工委' },
    name: '新安街道党群服务中心',
    address: '沭东大道120号',
    phone: '0516-86454472',
    weeklyHours: DEFAULT_WEEKLY_HOURS,
    slotMinutes: 30,
    capacity: 2,
    horizonDays: 14,
    minNoticeMinutes: 60,
    cancelCutoffMinutes: 60,
    acceptsProxy: true,
    active: true,
    isMine: true,
    canManage: true,
    version: 1,
    ...overrides,
  };
}
