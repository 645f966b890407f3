// The cockpit's map (地图): the office's administrative boundary, uploaded as
// GeoJSON, and the projects of a year's list as points in their light's
// colour. Nothing comes from a map service: the boundary is the office's file.
import { http } from './http'
import type { Colour } from './lights'
import type { Stage } from './projects'
import type { Role } from './types'

/** Who uploads, replaces and removes the boundary (periods.manage on the server). */
export const MAP_KEEPERS: readonly Role[] = ['admin', 'office']

/** The largest boundary file the server takes. */
export const MAX_BOUNDARY_BYTES = 20 << 20

/** What is known about the current boundary file. */
export interface Boundary {
  /** A new number for every upload: the file is cached by it. */
  version: number
  name: string
  size: number
  features: number
  polygons: number
  /** min lng, min lat, max lng, max lat */
  bbox: [number, number, number, number]
  uploaded_by: string
  uploaded_at: string
}

export interface BoundaryUpload extends Boundary {
  /** Features of the file that are not polygons (points, lines): not drawn. */
  ignored_features: number
}

/** A project on the map. */
export interface MapPoint {
  id: number
  code: string
  name: string
  stage: Stage
  department_name: string
  town: string
  total_investment_yuan: number
  planned_yuan: number
  longitude: number
  latitude: number
  colour: Colour
  overridden: boolean
}

export interface MapPoints {
  year: number
  items: MapPoint[] | null
  /** Projects of the selection without coordinates: not on the map. */
  missing_coordinates: number
  /** The boundary to draw them on; null when none was uploaded. */
  boundary: Boundary | null
}

export interface PointsFilter {
  year: number
  department_id?: number | null
  light?: Colour | ''
}

/** A GeoJSON FeatureCollection, as far as the map needs to know it. */
export interface FeatureCollection {
  type: 'FeatureCollection'
  features: unknown[]
}

const base = '/api/v1/map'

export const getMapPoints = (f: PointsFilter) => http.get<MapPoints>(`${base}/points`, { ...f })
export const getBoundaryGeoJSON = () => http.get<FeatureCollection>(`${base}/boundary`)
export const deleteBoundary = () => http.delete<void>(`${base}/boundary`)

export function uploadBoundary(file: File, name = ''): Promise<BoundaryUpload> {
  const fd = new FormData()
  fd.append('file', file, file.name)
  if (name.trim()) fd.append('name', name.trim())
  return http.put<BoundaryUpload>(`${base}/boundary`, fd)
}
