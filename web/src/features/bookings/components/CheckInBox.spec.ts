import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
import { withLoggedInApi } from '@/test/logged-in-api';
import { centerView } from '../composables/test-fixtures';
import { loadBookingMessages } from '../load-messages';
import CheckInBox from './CheckInBox.vue';

const center = centerView();

describe('the check-in box', () => {
  const api = withLoggedInApi(['COMMITTEE_ADMIN']);

  it.each(['AB1', 'AB1@#$'])('tells the window in Chinese that %s is no check-in code, without asking the API', async (typed) => {
    await loadBookingMessages('member', 'admin');
    const server = api.serve(() => ({ status: 400, data: { code: 'VALIDATION_FAILED', message: 'code must be the 6-character check-in code' } }));
    const wrapper = mount(CheckInBox, { props: { center }, global: { plugins: [i18n] } });
    await wrapper.get('[data-testid=check-in-code]').setValue(typed);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid=check-in-error]').text()).toBe('签到码是 6 位字母和数字，请核对后重新输入。');
    expect(server.requests).toHaveLength(0);
    wrapper.unmount();
  });

  it('tells the window a code already checked in is so, not that no visit has it', async () => {
    await loadBookingMessages('member', 'admin');
    api.serve(() => ({ status: 409, data: { statusCode: 409, code: 'ALREADY_CHECKED_IN', message: 'This visit is already checked in' } }));
    const wrapper = mount(CheckInBox, { props: { center }, global: { plugins: [i18n] } });
    await wrapper.get('[data-testid=check-in-code]').setValue('ABC234');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid=check-in-error]').text()).toBe('这个预约已经签到过了，无需重复签到。');
    wrapper.unmount();
  });
});
