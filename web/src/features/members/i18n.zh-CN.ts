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
    heldAbove: '该党员担任组织管理员，其登录账号的密码由任命该管理员的上级组织发放。',
  },
};
