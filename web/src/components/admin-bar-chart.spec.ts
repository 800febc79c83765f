import { describe, expect, it } from 'vitest';
import { forScreen, type BarChartOption } from './admin-bar-chart';

const option: BarChartOption = { xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: ['a', 'b'] }, series: [{ type: 'bar', data: [1, 2] }] };

describe('a bar chart on the screen it is drawn on', () => {
  it('gives the value axis two intervals on a phone, keeping the rest of the option', () => {
    const drawn = forScreen(option, true);
    expect(drawn.xAxis).toEqual({ type: 'value', minInterval: 1, splitNumber: 2 });
    expect(drawn.yAxis).toBe(option.yAxis);
    expect(option.xAxis).not.toHaveProperty('splitNumber');
  });

  it('leaves the option as given on a wider screen, or where the screen chose its own intervals', () => {
    expect(forScreen(option, false)).toBe(option);
    const chosen: BarChartOption = { ...option, xAxis: { type: 'value', splitNumber: 4 } };
    expect(forScreen(chosen, true)).toBe(chosen);
  });
});
