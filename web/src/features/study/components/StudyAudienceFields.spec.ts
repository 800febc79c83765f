import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
import { loadStudyMessages } from '../load-messages';
import StudyAudienceFields from './StudyAudienceFields.vue';

describe('who a track is for', () => {
  it('names each set of check boxes by its heading, not the kit’s English "checkbox-group"', async () => {
    await loadStudyMessages('admin');
    const wrapper = mount(StudyAudienceFields, { props: { modelValue: { orgTypes: [], groups: [], needs: [] } }, global: { plugins: [i18n] }, attachTo: document.body });
    const groups = wrapper.findAll('[role=group]');
    expect(groups).toHaveLength(3);
    const names = groups.map((g) => document.getElementById(g.attributes('aria-labelledby') ?? '')?.textContent?.trim());
    expect(names).toEqual(['组织类别（领域）', '党员群体', '学习需求']);
    // (The kit still writes aria-label="checkbox-group"; aria-labelledby comes first in naming, as Chromium shows.)
    // One group per set: no fieldset around the kit's group.
    expect(wrapper.find('fieldset').exists()).toBe(false);
    wrapper.unmount();
  });
});
