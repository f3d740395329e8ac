// How a report's grouping is drawn. A few groups read as columns; more than MAX_COLUMNS (a
// street's ~60 grids) overlap their labels, so they become horizontal bars sorted by count:
// the TOP_N largest and one "其他" bar summing the rest. The full counts stay in the list.
import type { GroupRow } from '@/api/reports'

export const MAX_COLUMNS = 8
export const TOP_N = 10
/** Height of one horizontal bar, px (the chart grows with its bars and its box scrolls). */
export const BAR_PX = 28

export interface Bar {
  name: string
  count: number
  /** The "其他" bar: the groups below the top N. */
  rest?: boolean
}

/** The bars for `rows`, largest first, the groups past the top `n` summed into one. */
export function topBars(rows: GroupRow[], name: (r: GroupRow) => string, n = TOP_N): Bar[] {
  const sorted = [...rows].sort((a, b) => b.count - a.count || name(a).localeCompare(name(b), 'zh-CN'))
  const bars: Bar[] = sorted.slice(0, n).map((r) => ({ name: name(r), count: r.count }))
  const rest = sorted.slice(n)
  if (rest.length) bars.push({ name: '', count: rest.reduce((s, r) => s + r.count, 0), rest: true })
  return bars
}

/**
 * ECharts options for sorted horizontal bars (the largest on top); `other` labels the rest. The
 * scale is the top bars': the "其他" bar (often larger than all of them together) runs to the
 * edge, clipped, with its count written inside.
 */
export function horizontalBars(title: string, bars: Bar[], color: string, other: string) {
  const shown = [...bars].reverse() // a category y axis draws its first entry at the bottom
  const top = Math.max(1, ...bars.filter((b) => !b.rest).map((b) => b.count))
  return {
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, max: Math.ceil(top * 1.15), axisLabel: { fontSize: 10 } },
    yAxis: {
      type: 'category',
      data: shown.map((b) => (b.rest ? other : b.name)),
      axisLabel: { interval: 0, fontSize: 11, width: 132, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: shown.map((b) =>
          b.rest
            ? { value: b.count, itemStyle: { color: '#c0c4cc' }, label: { position: 'insideRight', color: '#303133' } }
            : { value: b.count, itemStyle: { color } },
        ),
        barMaxWidth: 18,
        label: { show: true, position: 'right', fontSize: 11 },
      },
    ],
  }
}

/** The chart's height for `bars` horizontal bars. */
export const barsHeight = (bars: number) => 36 + 8 + bars * BAR_PX + 24
