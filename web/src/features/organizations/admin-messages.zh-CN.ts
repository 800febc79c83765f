/**
 * Chinese messages of an organisation's administrators (committees' and the county's screens only), loaded with that
 * part of the organisation screen (load-messages.ts): members never download them.
 */
export const zhCN = {
  orgs: {
    admins: {
      title: '管理员',
      caption: '本组织管理员名单',
      name: '姓名',
      role: '角色',
      branch: '所在党支部',
      since: '任职时间',
      lastLogin: '最近登录',
      neverLoggedIn: '从未登录',
      self: '本人',
      disabled: '已停用',
      actions: '操作',
      empty: '本组织目前没有管理员。组织关系转接中应由本组织办理的步骤，将由上级最近的管理员办理。',
      loadFailed: '管理员名单加载失败',
      appoint: '任命管理员',
      appointTitle: '任命管理员',
      member: '党员',
      memberPlaceholder: '输入姓名或手机号搜索',
      memberHint: '可从本组织及下级组织的党员中任命，任命后其账号获得“{role}”的权限。',
      alreadyAdmin: '已是管理员',
      confirmAppoint: '确认任命',
      cancel: '取消',
      appointed: '已任命 {name} 为{role}',
      dismiss: '免去',
      dismissAria: '免去 {name} 的管理员职务',
      dismissTitle: '免去管理员',
      dismissConfirm: '确定免去 {name} 的{role}职务吗？免去后其账号不能再管理本组织。',
      dismissOk: '确定免去',
      dismissed: '已免去 {name} 的管理员职务',
      errors: {
        ALREADY_ADMINISTRATOR: '该党员已是本组织的管理员',
        ADMINISTRATOR_NOT_ELIGIBLE: '该党员不在本组织或其下级组织中，或已转出本县，不能任命',
        CANNOT_DISMISS_SELF: '不能免去本人的管理员职务，请由上级管理员办理',
      },
    },
  },
};
