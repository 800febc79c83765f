import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/** What AdminBarChart draws: bars on a grid with a tooltip. A type only, so a screen can build one without ECharts. */
export type BarChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;
