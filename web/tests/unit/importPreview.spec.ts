import { describe, expect, it } from 'vitest'
import type { ImportRow, ImportSheet, Project } from '@/api/projects'
import { cellErrorsByField, changeValue, hasErrors, rowAction, rowPlan, sheetWarnings, visibleChanges, warningCount, planYears, type ValueWords } from '@/ui/importPreview'
import { MAX_SHEET_BYTES, sheetProblem } from '@/ui/importWizard'

const row = (over: Partial<ImportRow>): ImportRow => ({
  line: 7,
  section: '工业项目',
  project: { name: '测试乙项目', years: [{ year: 2026, planned_yuan: 3000000, level: '' }] } as Project,
  errors: [],
  ...over,
})

// As the server sends it for a CSV with a bad 总投资 cell (keys as in Go).
const sheet: ImportSheet = {
  name: 'CSV',
  unit: '万元',
  header_rows: [3],
  columns: [
    { Column: 'A', Header: '序号', Field: 'seq', Unit: '', Year: 0 },
    { Column: 'B', Header: '项目名称', Field: 'name', Unit: '', Year: 0 },
    { Column: 'D', Header: '总投资', Field: 'total_investment_yuan', Unit: '万元', Year: 0 },
    { Column: 'E', Header: '2026年计划投资', Field: 'years', Unit: '万元', Year: 2026 },
    { Column: 'N', Header: '建设年限', Field: 'start_year,end_year', Unit: '', Year: 0 },
  ],
  totals: [{ line: 4, label: '合计', ok: false, message: '第4行 合计：总投资 表中6000万元，明细合计4000万元', amounts: [] }],
  warnings: [
    { line: 4, message: '第4行 合计：总投资 表中6000万元，明细合计4000万元' },
    { line: 0, message: '未找到单位行，按万元读取' },
  ],
  rows: [],
}

describe('rowAction', () => {
  it('puts errors first, then the planned action', () => {
    const bad = { sheet: 'CSV', line: 7, column: '总投资', value: '约5亿', message: "第7行 总投资: '约5亿' 不是金额" }
    expect(rowAction(row({ errors: [bad], result: { action: 'create' } }))).toBe('error')
    expect(rowAction(row({ result: { action: 'update', changes: {} } }))).toBe('update')
    expect(rowAction(row({ errors: null }))).toBe('unknown')
  })
})

describe('cellErrorsByField', () => {
  it('finds the preview column through the header text', () => {
    const bad = { sheet: 'CSV', line: 7, column: '总投资', value: '约5亿', message: "第7行 总投资: '约5亿' 不是金额" }
    const byField = cellErrorsByField(sheet, row({ errors: [bad] }))
    expect(byField.total_investment_yuan?.value).toBe('约5亿')
    expect(Object.keys(byField)).toEqual(['total_investment_yuan'])
  })

  it('ignores errors in columns the preview does not show', () => {
    const e = { sheet: 'CSV', line: 7, column: '建设年限', value: '明年', message: 'x' }
    expect(cellErrorsByField(sheet, row({ errors: [e] }))).toEqual({})
  })
})

describe('rowPlan and sheetWarnings', () => {
  it('reads the plan of the list year', () => {
    expect(rowPlan(row({}).project, 2026)).toBe(3000000)
    expect(rowPlan(row({}).project, 2027)).toBe(3000000) // the only plan
    expect(rowPlan({ years: [] }, 2026)).toBeNull()
  })

  it('does not repeat what the total checks say', () => {
    expect(sheetWarnings(sheet)).toEqual([{ line: 0, message: '未找到单位行，按万元读取' }])
    // The failed 合计 once, the other note once (the server's summary says 3).
    expect(warningCount({ sheets: [sheet] } as never)).toBe(2)
    expect(warningCount(null)).toBe(0)
  })

  it('knows the years the plan columns name', () => {
    expect(planYears(sheet)).toEqual([2026])
    expect(planYears({ ...sheet, columns: null })).toEqual([])
  })

  it('sees errors in the summary', () => {
    expect(hasErrors(null)).toBe(false)
    expect(hasErrors({ summary: { errors: 1 }, errors: [] } as never)).toBe(true)
  })
})

describe('changeValue', () => {
  const w: ValueWords = {
    wan: '万元',
    empty: '∅',
    yes: '是',
    no: '否',
    label: (k, v) => ({ stages: { construction: '在建' }, natures: { new: '新建' }, levels: { city: '市重点' } })[k][v as never] ?? v,
    year: (y) => `${y}年`,
  }

  it('writes money in 万元 and enums in words', () => {
    expect(changeValue('total_investment_yuan', 13784000000, w)).toBe('1,378,400.00')
    expect(changeValue('nature', 'new', w)).toBe('新建')
    expect(changeValue('officer_id', null, w)).toBe('∅')
    expect(changeValue('flagship', true, w)).toBe('是')
    expect(changeValue('name', '甲', w)).toBe('甲')
  })

  it('writes year plans and funding', () => {
    expect(changeValue('years', [{ year: 2026, planned_yuan: 100, level: 'city' }], w)).toBe('2026年 0.01 万元 市重点')
    expect(changeValue('funding', [{ source: '专项债', amount_yuan: 12345600 }], w)).toBe('专项债 1,234.56 万元')
    expect(changeValue('tags', ['a', 'b'], w)).toBe('a、b')
    expect(changeValue('extra', {}, w)).toBe('∅')
  })
})

describe('visibleChanges', () => {
  it('hides an id change that its name change already says', () => {
    const ch = visibleChanges({
      department_id: [16, 58],
      department_name: ['城关镇', '县住房和城乡建设局'],
      officer_id: [52, null],
      total_investment_yuan: [3270000, 86500000],
    })
    expect(ch.map(([f]) => f)).toEqual(['department_name', 'officer_id', 'total_investment_yuan'])
    expect(visibleChanges(undefined)).toEqual([])
  })
})

describe('sheetProblem', () => {
  it('takes Excel and CSV sheets up to the server limit and says why not otherwise', () => {
    expect(sheetProblem({ name: '2026年重点项目台账.XLSX', size: 1 << 20 })).toBe('')
    expect(sheetProblem({ name: 'old.xls', size: 10 })).toBe('')
    expect(sheetProblem({ name: 'list.csv', size: MAX_SHEET_BYTES })).toBe('')
    expect(sheetProblem({ name: 'list.csv', size: MAX_SHEET_BYTES + 1 })).toBe('importer.tooLarge')
    expect(sheetProblem({ name: '台账.docx', size: 10 })).toBe('importer.wrongType')
    expect(sheetProblem({ name: 'xlsx', size: 10 })).toBe('importer.wrongType')
  })
})
