import type { zhCN } from './i18n.zh-CN';

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
    heldAbove: "This member administers an organisation: their account's password is issued by the tier that appoints its administrators.",
  },
};
