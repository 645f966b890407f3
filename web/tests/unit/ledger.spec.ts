import { describe, expect, it } from 'vitest'
import {
  DEFAULT_COLUMNS,
  defaultLedgerState,
  ledgerFilter,
  ledgerQuery,
  loadColumns,
  normalizeColumns,
  parseLedgerQuery,
  planFor,
  saveColumns,
  yearOptions,
} from '@/ui/ledger'

const YEAR = 2026

describe('ledger URL state', () => {
  it('defaults to this year, page 1, 50 a page', () => {
    const s = parseLedgerQuery({}, YEAR)
    expect(s).toEqual(defaultLedgerState(YEAR))
    expect(s.year).toBe(2026)
    expect(ledgerQuery(s, YEAR)).toEqual({})
  })

  it('round-trips every filter', () => {
    const q = {
      year: '2025',
      q: 'cgz',
      stage: 'construction',
      nature: 'continued',
      level: 'city',
      department_id: '7',
      leader_id: '3',
      town: '城关镇',
      archived: 'true',
      page: '3',
      per_page: '200',
      sort: '-planned_yuan',
    }
    const s = parseLedgerQuery(q, YEAR)
    expect(s.year).toBe(2025)
    expect(s.department_id).toBe(7)
    expect(s.archived).toBe(true)
    expect(ledgerQuery(s, YEAR)).toEqual(q)
  })

  it('writes "all" for all years and sends no year then', () => {
    const s = parseLedgerQuery({ year: 'all' }, YEAR)
    expect(s.year).toBeNull()
    expect(ledgerQuery(s, YEAR)).toEqual({ year: 'all' })
    expect(ledgerFilter(s).year).toBeUndefined()
  })

  it('ignores junk', () => {
    const s = parseLedgerQuery(
      { year: '26', stage: 'done', page: '-1', per_page: '30', sort: 'password', department_id: 'x', archived: '1' },
      YEAR,
    )
    expect(s).toEqual(defaultLedgerState(YEAR))
  })

  it('drops a planned_yuan sort without a year (the server refuses it)', () => {
    expect(parseLedgerQuery({ year: 'all', sort: 'planned_yuan' }, YEAR).sort).toBe('')
    expect(parseLedgerQuery({ sort: 'planned_yuan' }, YEAR).sort).toBe('planned_yuan')
  })

  it('turns the state into the API filter, leaving out blanks', () => {
    const s = { ...defaultLedgerState(YEAR), q: '  城关 ', stage: 'new_start' as const }
    expect(ledgerFilter(s)).toEqual({
      q: '城关',
      stage: 'new_start',
      nature: undefined,
      level: undefined,
      year: 2026,
      department_id: undefined,
      leader_id: undefined,
      town: undefined,
      archived: undefined,
      page: 1,
      per_page: 50,
      sort: undefined,
    })
  })
})

describe('yearOptions and planFor', () => {
  it('offers next year down to six years back, and the chosen one', () => {
    expect(yearOptions(2026, null)).toEqual([2027, 2026, 2025, 2024, 2023, 2022, 2021, 2020])
    expect(yearOptions(2026, 2012)).toContain(2012)
  })

  it('finds the year plan', () => {
    const p = { years: [{ year: 2025, planned_yuan: 100, level: '' as const }, { year: 2026, planned_yuan: 0, level: '' as const }] }
    expect(planFor(p, 2025)).toBe(100)
    expect(planFor(p, 2026)).toBe(0)
    expect(planFor(p, 2027)).toBeNull()
    expect(planFor(p, null)).toBeNull()
    expect(planFor({ years: null }, 2025)).toBeNull()
  })
})

describe('column choice', () => {
  it('falls back to the defaults', () => {
    expect(loadColumns(null)).toEqual([...DEFAULT_COLUMNS])
    expect(loadColumns({ getItem: () => 'not json' })).toEqual([...DEFAULT_COLUMNS])
    expect(loadColumns({ getItem: () => '{"a":1}' })).toEqual([...DEFAULT_COLUMNS])
  })

  it('saves and loads, in table order, always with the name', () => {
    const store = new Map<string, string>()
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) }
    saveColumns(['total', 'code', 'bogus'], storage)
    expect(loadColumns(storage)).toEqual(['code', 'name', 'total'])
    expect(normalizeColumns([])).toEqual(['name'])
  })
})
