import { describe, expect, it } from 'vitest'
import type { MapPoint } from '@/api/map'
import { COLOUR_HEX } from '@/components/lights/ruleEditor'
import { aspectScale, boundaryFileProblem, colourCounts, seriesPoints, fileSize, investmentText, mapOption, symbolSize } from '@/ui/map'

const point = (id: number, colour: MapPoint['colour'], total = 50_000_000): MapPoint => ({
  id,
  code: `XM-${id}`,
  name: `项目${id}`,
  stage: 'construction',
  department_name: '住建局',
  town: '城关镇',
  total_investment_yuan: total,
  planned_yuan: 10_000_000,
  longitude: 119 + id / 100,
  latitude: 26 + id / 100,
  colour,
  overridden: false,
})

const points = [point(1, 'green'), point(2, 'red', 3_200_000_000), point(3, 'yellow'), point(4, 'green')]
const names = { red: '红灯', yellow: '黄灯', green: '绿灯' }

describe('the cockpit map', () => {
  it('draws one series per colour in the light colours, red on top', () => {
    const opt = mapOption({ map: 'tuijin-boundary-3', points, hidden: new Set(), colourName: (c) => names[c], regionNames: false })
    const series = opt.series as { name: string; data: { id: number; value: number[] }[]; itemStyle: { color: string } }[]
    expect(series.map((s) => s.name)).toEqual(['绿灯', '黄灯', '红灯'])
    expect(series.map((s) => s.itemStyle.color)).toEqual([COLOUR_HEX.green, COLOUR_HEX.yellow, COLOUR_HEX.red])
    expect(series[0].data.map((d) => d.id)).toEqual([1, 4])
    expect(series[2].data[0]).toMatchObject({ id: 2, value: [119.02, 26.02], name: '项目2' })
    expect((opt.geo as { map: string; roam: boolean }).map).toBe('tuijin-boundary-3')
    expect((opt.geo as { roam: boolean }).roam).toBe(true)
  })

  it('leaves out the colours switched off in the legend', () => {
    const opt = mapOption({ map: 'm', points, hidden: new Set(['green']), colourName: (c) => names[c], regionNames: true })
    const series = opt.series as { data: unknown[] }[]
    expect(series.map((s) => s.data.length)).toEqual([0, 1, 1])
    // A click's series and data index find the project.
    expect(seriesPoints(points, new Set(['green']))[2][0].id).toBe(2)
    expect(seriesPoints(points, new Set())[0].map((p) => p.id)).toEqual([1, 4])
    expect(colourCounts(points)).toEqual({ red: 1, yellow: 1, green: 2 })
  })

  it('draws a crowd of points small and in bulk', () => {
    const many = Array.from({ length: 900 }, (_, i) => point(i + 1, 'green', 5_000_000_000))
    const opt = mapOption({ map: 'm', points: many, hidden: new Set(), colourName: (c) => names[c], regionNames: false })
    const green = (opt.series as { large: boolean; data: { symbolSize: number }[] }[])[0]
    expect(green.large).toBe(true)
    expect(green.data[0].symbolSize).toBe(5)
  })

  it('sizes points by investment, within bounds', () => {
    expect(symbolSize(1_000_000)).toBe(9)
    expect(symbolSize(100_000_000)).toBe(13)
    expect(symbolSize(1_000_000_000)).toBe(17)
    expect(symbolSize(1e14)).toBe(22)
  })

  it('says money in 万元 or 亿元', () => {
    const words = { wan: '万元', yi: '亿元' }
    expect(investmentText(3_200_000_000, words)).toBe('32.00 亿元')
    expect(investmentText(50_000_000, words)).toBe('5,000.00 万元')
  })

  it('checks a boundary file before sending it', () => {
    expect(boundaryFileProblem({ name: '永宁县.GeoJSON', size: 2048 })).toBe('')
    expect(boundaryFileProblem({ name: 'county.json', size: 2048 })).toBe('')
    expect(boundaryFileProblem({ name: 'county.shp', size: 2048 })).toBe('map.wrongType')
    expect(boundaryFileProblem({ name: 'county.geojson', size: 21 << 20 })).toBe('map.tooLarge')
    expect(boundaryFileProblem({ name: 'county.geojson', size: 0 })).toBe('map.emptyFile')
    expect(fileSize(2048)).toBe('2 KB')
    expect(fileSize(3 << 20)).toBe('3.0 MB')
  })
})

describe('the map projection', () => {
  it('scales longitude by the latitude of the boundary', () => {
    expect(aspectScale([119, 26, 119.6, 26.4])).toBeCloseTo(Math.cos((26.2 * Math.PI) / 180), 6)
    expect(aspectScale(undefined)).toBe(0.75)
  })
})
