import { describe, expect, it } from 'vitest';
import { auditParams, emptyFilters, filtersFromQuery, filtersToQuery } from './audit-filters';

describe('audit search filters', () => {
  it('turns Xinyi days into the instants the API wants, `to` being the start of the day after the last', () => {
    expect(auditParams({ ...emptyFilters(), from: '2026-01-01', to: '2026-12-31', action: 'member.' })).toEqual({
      from: '2025-12-31T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
      action: 'member.',
    });
    expect(auditParams(emptyFilters())).toEqual({});
  });

  it('reads the address, trimming words and dropping what is not a date', () => {
    const filters = filtersFromQuery({ from: 'yesterday', to: '2026-05-31', username: ' admin ', targetId: ['1', '2'] });
    expect(filters).toEqual({ ...emptyFilters(), to: '2026-05-31', username: 'admin' });
    expect(filtersToQuery(filters)).toEqual({ to: '2026-05-31', username: 'admin' });
  });
});
