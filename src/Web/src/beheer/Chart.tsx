import { useEffect, useRef } from 'react';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * An ECharts chart (SVG) for people who would rather look than read. It is decoration beside its table: the figure has a
 * text alternative (label) and the same numbers are always in the accessible table next to it.
 */
export function Chart({ option, label, testId }: { option: ChartOption; label: string; testId?: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) {
      return undefined;
    }

    const chart = echarts.init(host.current, undefined, { renderer: 'svg' });
    chart.setOption({ aria: { enabled: true }, animation: false, ...option });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(host.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);

  return <div ref={host} className="app-chart" role="img" aria-label={label} data-testid={testId} />;
}

/** Colours from the Utrecht palette, readable on white. */
export const chartColors = ['#1f4e8c', '#c7402d', '#2e7d32', '#8a6d00', '#6a1b9a', '#00707a'];
