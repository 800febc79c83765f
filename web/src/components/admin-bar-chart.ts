import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/** What AdminBarChart draws: bars on a grid with a tooltip. A type only, so a screen can build one without ECharts. */
export type BarChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

/**
 * The option as drawn on a phone: the value axis asks for two intervals instead of ECharts' five (it rounds them to
 * readable steps: 0, 500, 1,000, 1,500), whose labels ran into one another on a 360-pixel screen ("0200400600800"),
 * unless the screen chose its own. Elsewhere the option as given.
 */
export function forScreen(option: BarChartOption, phone: boolean): BarChartOption {
  const axis = option.xAxis;
  if (!phone || !axis || Array.isArray(axis) || 'splitNumber' in axis) return option;
  return { ...option, xAxis: { ...axis, splitNumber: 2 } as typeof axis };
}
