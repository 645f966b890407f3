// The cockpit map's model, free of Vue for unit tests: the ECharts option
// (the boundary as a geo component, the projects as one scatter series per
// light colour), a point's money in 万元 or 亿元, and the checks a boundary
// file passes before it is sent.
import type { EChartsOption } from 'echarts'
import { COLOURS, type Colour } from '@/api/lights'
import { MAX_BOUNDARY_BYTES, type MapPoint } from '@/api/map'
import { COLOUR_HEX } from '@/components/lights/ruleEditor'
import { formatWan, formatYi, isBig } from './money'

/** The name a boundary version is registered under with ECharts. */
export const mapName = (version: number) => `tuijin-boundary-${version}`

/** Counts of the points by colour. */
export function colourCounts(points: readonly MapPoint[]): Record<Colour, number> {
  const out: Record<Colour, number> = { red: 0, yellow: 0, green: 0 }
  for (const p of points) out[p.colour] = (out[p.colour] ?? 0) + 1
  return out
}

/** A point's size in px by the project's total investment: 1,000万 small, 10亿 and more large. */
export function symbolSize(totalYuan: number): number {
  const tenMillions = Math.max(1, totalYuan / 10_000_000)
  return Math.round(Math.min(22, 9 + 4 * Math.log10(tenMillions)))
}

export interface MoneyWords {
  wan: string
  yi: string
}

/** investmentText says an amount in 亿元 when it is at least 1 亿元, else in 万元. */
export function investmentText(yuan: number, words: MoneyWords): string {
  return isBig(yuan) ? `${formatYi(yuan)} ${words.yi}` : `${formatWan(yuan)} ${words.wan}`
}

export interface MapOptionInput {
  map: string
  points: readonly MapPoint[]
  /** The colours switched off in the legend. */
  hidden: ReadonlySet<Colour>
  /** Colour → its name (红灯). */
  colourName: (c: Colour) => string
  /** Show the regions' names (a boundary of several towns). */
  regionNames: boolean
  /** The boundary's extent, for the east-west scale at its latitude. */
  bbox?: readonly [number, number, number, number]
}

/** The data of a point: [lng, lat] with the project's id for the click. */
export interface PointDatum {
  name: string
  value: [number, number]
  id: number
  symbolSize: number
}

/** The series' colours in drawing order: green first and red last, so that where points crowd the red ones stay on top. */
export const SERIES_COLOURS: readonly Colour[] = [...COLOURS].reverse()

/**
 * seriesPoints are the points of each series, in SERIES_COLOURS order: a
 * click's series and data index find the project in them (when the points
 * are drawn in bulk, ECharts reports no more than the indexes).
 */
export function seriesPoints(points: readonly MapPoint[], hidden: ReadonlySet<Colour>): MapPoint[][] {
  return SERIES_COLOURS.map((c) => (hidden.has(c) ? [] : points.filter((p) => p.colour === c)))
}

/**
 * DENSE is how many points make a crowd: past it every point is drawn
 * small and alike, in bulk (a city's or a province's list), and size no
 * longer tells investment.
 */
export const DENSE = 800

/** mapOption draws the boundary and the points, one series per colour. */
export function mapOption(input: MapOptionInput): EChartsOption {
  const groups = seriesPoints(input.points, input.hidden)
  const dense = input.points.length > DENSE
  const series = SERIES_COLOURS.map((c, i) => ({
    type: 'scatter' as const,
    name: input.colourName(c),
    coordinateSystem: 'geo' as const,
    cursor: 'pointer',
    large: dense,
    largeThreshold: 0,
    symbolSize: 5,
    data: groups[i].map<PointDatum>((p) => ({
      name: p.name,
      value: [p.longitude, p.latitude],
      id: p.id,
      symbolSize: dense ? 5 : symbolSize(p.total_investment_yuan),
    })),
    itemStyle: dense
      ? { color: COLOUR_HEX[c], opacity: 1, borderWidth: 0 }
      : { color: COLOUR_HEX[c], opacity: 1, borderColor: '#fff', borderWidth: 1.5, shadowBlur: 3, shadowColor: 'rgba(0, 0, 0, 0.25)' },
    emphasis: { scale: 1.35 },
    zlevel: 1,
  }))
  return {
    animation: false,
    tooltip: { trigger: 'item', formatter: (p: unknown) => escapeHTML((p as { name?: string }).name ?? '') },
    geo: {
      map: input.map,
      aspectScale: aspectScale(input.bbox),
      roam: true,
      scaleLimit: { min: 0.8, max: 16 },
      // Centred, its longer side 94% of the chart's shorter one: it fits
      // a wide desktop panel and a narrow phone alike.
      layoutCenter: ['50%', '50%'],
      layoutSize: '94%',
      itemStyle: { areaColor: '#eef4fb', borderColor: '#5b82b5', borderWidth: 1.2 },
      label: { show: input.regionNames, color: '#8a9bb0', fontSize: 11 },
      emphasis: { disabled: true },
      select: { disabled: true },
      tooltip: { show: false },
    },
    series,
  }
}

/**
 * aspectScale is how much shorter a degree of longitude is than one of
 * latitude in the middle of the boundary, so that a county keeps its shape
 * (ECharts assumes 0.75, right at 41° north only).
 */
export function aspectScale(bbox?: readonly [number, number, number, number]): number {
  if (!bbox) return 0.75
  const mid = (bbox[1] + bbox[3]) / 2
  return Math.max(0.2, Math.cos((mid * Math.PI) / 180))
}

function escapeHTML(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

/** boundaryFileProblem is the i18n key of what is wrong with a file before it is sent, or ''. */
export function boundaryFileProblem(file: { name: string; size: number }): string {
  const name = file.name.toLowerCase()
  if (!name.endsWith('.geojson') && !name.endsWith('.json')) return 'map.wrongType'
  if (file.size > MAX_BOUNDARY_BYTES) return 'map.tooLarge'
  if (file.size === 0) return 'map.emptyFile'
  return ''
}

/** The size of a file in KB or MB, for the boundary's details. */
export function fileSize(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}
