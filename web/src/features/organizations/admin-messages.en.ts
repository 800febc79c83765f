import type { zhCN } from './admin-messages.zh-CN';

/** English messages of an organisation's administrators, typed by the Chinese ones. */
export const en: typeof zhCN = {
  orgs: {
    admins: {
      title: 'Administrators',
      caption: 'Administrators of this organisation',
      name: 'Name',
      role: 'Role',
      branch: 'Branch',
      since: 'Since',
      lastLogin: 'Last login',
      neverLoggedIn: 'Never',
      self: 'you',
      disabled: 'Disabled',
      actions: 'Actions',
      empty: 'This organisation has no administrator. The transfer steps it would take go to the nearest administrator above it.',
      loadFailed: 'Could not load the administrators',
      appoint: 'Appoint',
      appointTitle: 'Appoint an administrator',
      member: 'Member',
      memberPlaceholder: 'Search by name or phone',
      memberHint: 'Any member of this organisation or those below it may be appointed; their account gets the role “{role}”.',
      alreadyAdmin: 'Already an administrator',
      confirmAppoint: 'Appoint',
      cancel: 'Cancel',
      appointed: '{name} is now an administrator ({role})',
      dismiss: 'Dismiss',
      dismissAria: 'Dismiss {name} as administrator',
      dismissTitle: 'Dismiss an administrator',
      dismissConfirm: 'Dismiss {name} ({role})? Their account will no longer administer this organisation.',
      dismissOk: 'Dismiss',
      dismissed: '{name} is no longer an administrator',
      errors: {
        ALREADY_ADMINISTRATOR: 'This member already administers this organisation.',
        ADMINISTRATOR_NOT_ELIGIBLE: 'This member is not in this organisation or below it, or has left the county, and cannot be appointed.',
        CANNOT_DISMISS_SELF: 'You cannot dismiss yourself; an administrator above you can.',
      },
    },
  },
};
