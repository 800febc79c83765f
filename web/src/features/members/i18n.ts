/**
 * A member's login account (first password), and the labels of the add and edit actions that show before their
 * screens open (buttons, page titles). Registered in src/i18n by one spread line per locale; the form's own messages
 * are loaded with its screens (load-messages.ts).
 */
export const zhCN = {
  memberForm: {
    add: '新增党员',
    edit: '编辑',
    createTitle: '新增党员',
    editTitle: '编辑党员信息',
  },
  memberAccount: {
    title: '登录账号',
    username: '登录账号（手机号码）',
    issue: '发放初始密码',
    issueConfirmTitle: '发放初始密码',
    issueConfirm: '将为该党员生成一个临时密码，原密码作废、已登录的设备全部退出。党员首次登录时须自行设置新密码。此操作将记入审计日志。确定发放吗？',
    issuedTitle: '初始密码已生成',
    issuedHint: '请当面或通过可靠方式交给党员本人。关闭后将无法再次查看。',
    password: '临时密码',
    done: '已交给党员',
    failed: '发放失败',
  },
};

export const en: typeof zhCN = {
  memberForm: {
    add: 'Add member',
    edit: 'Edit',
    createTitle: 'Add a member',
    editTitle: 'Edit member details',
  },
  memberAccount: {
    title: 'Login account',
    username: 'Username (mobile number)',
    issue: 'Issue a first password',
    issueConfirmTitle: 'Issue a first password',
    issueConfirm:
      'A temporary password will be generated: the old one stops working and every signed-in device is signed out. The member must choose a new password at the first login. This is recorded in the audit log. Go ahead?',
    issuedTitle: 'First password issued',
    issuedHint: 'Hand it to the member in person or by a reliable channel. It cannot be shown again once closed.',
    password: 'Temporary password',
    done: 'Handed to the member',
    failed: 'Could not issue the password',
  },
};
