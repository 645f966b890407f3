// 调度填报 and 三色预警: the report form's money, status and late labels, the
// rule editor and its preview, the figures' arithmetic, period suggestions,
// and the dispatch catalogues.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent } from 'vue'
import { configureHttp } from '@/api/http'
import { i18n, setLocale } from '@/i18n'
import { useSessionStore } from '@/stores/session'
import { REPORT_STATUSES, type Report } from '@/api/reports'
import dispatchZh from '@/i18n/dispatch.zh-CN'
import dispatchEn from '@/i18n/dispatch.en-US'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import {
  amendmentChanges,
  canAmend,
  canFill,
  canReview,
  daysBetween,
  deadlineState,
  fromForm,
  isLate,
  statusTagType,
  toForm,
} from '@/components/reports/reportForm'
import { chartSeries, elapsedShare, monthEnd, monthsShown, pct, points } from '@/components/reports/figures'
import { periodName, periodRange } from '@/components/reports/periods'
import { newRule, previewItems, sameRules, toApiRules, toEditor } from '@/components/lights/ruleEditor'
import ReportView from '@/views/reports/ReportView.vue'

type Tree = { [k: string]: string | Tree }
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv)
  }
  return out
}
const params = (msg: string) => [...msg.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

const blank = {
  invested_yuan: 0,
  progress_text: '',
  progress_percent: 0,
  work_done: '',
  next_plan: '',
  problems: '',
  stats_entered: false,
  stats_yuan: 0,
}

describe('the report form: 万元 typed, exact yuan sent', () => {
  it('converts the amounts exactly, on decimal strings', () => {
    const f = toForm(blank)
    f.invested_wan = '1234.56'
    f.stats_entered = true
    f.stats_wan = '0.29'
    const { fields, errors } = fromForm(f)
    expect(errors).toEqual({})
    expect(fields.invested_yuan).toBe(12345600)
    expect(fields.stats_yuan).toBe(2900) // not 2899.9999999999995
    f.invested_wan = '1,378,400'
    expect(fromForm(f).fields.invested_yuan).toBe(13784000000)
    f.invested_wan = '0.0001'
    expect(fromForm(f).fields.invested_yuan).toBe(1)
  })

  it('sends an untouched amount back as the same yuan', () => {
    for (const y of [1, 100, 2900, 12345600, 88888888888]) {
      const f = toForm({ ...blank, invested_yuan: y, stats_entered: true, stats_yuan: y })
      const { fields } = fromForm(f)
      expect(fields.invested_yuan).toBe(y)
      expect(fields.stats_yuan).toBe(y)
    }
  })

  it('takes a blank amount as 0, refuses what is not an amount, and sends 0 without the statistics entry', () => {
    const f = toForm(blank)
    expect(f.invested_wan).toBe('')
    expect(fromForm(f).fields.invested_yuan).toBe(0)
    f.invested_wan = '约5亿'
    expect(fromForm(f).errors.invested_yuan).toBe('badAmount')
    f.invested_wan = '1.23456'
    expect(fromForm(f).errors.invested_yuan).toBe('badAmount')
    f.invested_wan = '-3'
    expect(fromForm(f).errors.invested_yuan).toBe('negative')
    f.invested_wan = '3'
    f.stats_entered = false
    f.stats_wan = '999'
    expect(fromForm(f).fields.stats_yuan).toBe(0)
    expect(fromForm(f).fields.stats_entered).toBe(false)
  })

  it('sends every figure, trimmed, with the percent kept within 0-100', () => {
    const f = toForm({ ...blank, progress_percent: 140 })
    expect(f.progress_percent).toBe(100)
    f.progress_text = '  主体封顶  '
    f.work_done = ' 完成三层 '
    const { fields } = fromForm(f)
    expect(Object.keys(fields).sort()).toEqual(Object.keys(blank).sort())
    expect(fields.progress_text).toBe('主体封顶')
    expect(fields.work_done).toBe('完成三层')
  })
})

describe('status and late labels', () => {
  it('is late only when open and past the deadline', () => {
    expect(isLate({ status: 'draft', deadline: '2026-11-06' }, '2026-11-07')).toBe(true)
    expect(isLate({ status: 'returned', deadline: '2026-11-06' }, '2026-11-07')).toBe(true)
    expect(isLate({ status: 'draft', deadline: '2026-11-07' }, '2026-11-07')).toBe(false) // due today
    expect(isLate({ status: 'submitted', deadline: '2026-11-01' }, '2026-11-07')).toBe(false)
    expect(isLate({ status: 'approved', deadline: '2026-11-01' }, '2026-11-07')).toBe(false)
  })

  it('says how many days are left or late, across months', () => {
    expect(daysBetween('2026-10-30', '2026-11-02')).toBe(3)
    expect(deadlineState({ status: 'draft', deadline: '2026-11-06' }, '2026-11-09')).toEqual({ kind: 'late', days: 3 })
    expect(deadlineState({ status: 'draft', deadline: '2026-11-09' }, '2026-11-09')).toEqual({ kind: 'today' })
    expect(deadlineState({ status: 'returned', deadline: '2026-12-01' }, '2026-11-29')).toEqual({ kind: 'left', days: 2 })
    expect(deadlineState({ status: 'submitted', deadline: '2026-11-01' }, '2026-11-29')).toEqual({ kind: 'done' })
  })

  it('names and colours every status in both languages', () => {
    for (const s of REPORT_STATUSES) {
      expect(dispatchZh.dispatch.status[s], s).toBeTruthy()
      expect(dispatchEn.dispatch.status[s], s).toBeTruthy()
    }
    expect(statusTagType('draft')).toBe('info')
    expect(statusTagType('submitted')).toBe('primary')
    expect(statusTagType('returned')).toBe('warning')
    expect(statusTagType('approved')).toBe('success')
    setLocale('zh-CN')
    expect(i18n.global.t('dispatch.deadline.late', { n: 3 })).toBe('逾期 3 天')
    expect(i18n.global.t('dispatch.status.returned')).toBe('已退回')
  })

  it('lets the right roles fill, review and amend', () => {
    expect(canFill({ status: 'draft' }, 'officer')).toBe(true)
    expect(canFill({ status: 'returned' }, 'owner')).toBe(true)
    expect(canFill({ status: 'draft' }, 'officer', true)).toBe(false) // period closed
    expect(canFill({ status: 'submitted' }, 'officer')).toBe(false)
    expect(canFill({ status: 'draft' }, 'leader')).toBe(false)
    expect(canReview({ status: 'submitted' }, 'department')).toBe(true)
    expect(canReview({ status: 'submitted' }, 'officer')).toBe(false)
    expect(canAmend({ status: 'approved' }, 'office')).toBe(true)
    expect(canAmend({ status: 'approved' }, 'owner')).toBe(false)
  })

  it('lists what an amendment changed, in 万元', () => {
    const w = { wan: '万元', yes: '是', no: '否', empty: '∅' }
    const lines = amendmentChanges({ ...blank, invested_yuan: 12345600 }, { ...blank, invested_yuan: 13000000, stats_entered: true }, w)
    expect(lines).toEqual([
      { field: 'invested_yuan', before: '1,234.56 万元', after: '1,300.00 万元' },
      { field: 'stats_entered', before: '否', after: '是' },
    ])
  })
})

describe('the rule editor and its preview', () => {
  it('maps the API rules to the editor and back unchanged', () => {
    const rules = [
      { type: 'investment_shortfall', yellow: { op: '>' as const, value: 0 }, red: { op: '>' as const, value: 50 }, min_plan_yuan: 10_000_000, consecutive: 0, enabled: true },
      { type: 'cumulative_ratio', yellow: null, red: { op: '<' as const, value: 95 }, min_plan_yuan: 0, consecutive: 2, enabled: false },
    ]
    const rows = rules.map(toEditor)
    expect(rows[0].min_plan_wan).toBe('1000') // 1,000 万元
    expect(rows[1].yellow.on).toBe(false)
    expect(rows[1].yellow.op).toBe('<') // lower is worse for the ratio
    const back = toApiRules(rows)
    expect(back.problems).toEqual([])
    expect(back.rules).toEqual(rules)
    expect(sameRules(back.rules, rules)).toBe(true)
  })

  it('types the plan floor in 万元 and sends exact yuan', () => {
    const row = newRule('investment_gap')
    row.yellow.value = 10
    row.red.value = 30
    row.min_plan_wan = '1000.5'
    const { rules, problems } = toApiRules([row])
    expect(problems).toEqual([])
    expect(rules[0]).toMatchObject({ type: 'investment_gap', yellow: { op: '>=', value: 10 }, red: { op: '>=', value: 30 }, min_plan_yuan: 10_005_000, enabled: true })
  })

  it('finds incomplete rules before asking for a preview', () => {
    const row = newRule('start_missed')
    row.red.value = 3
    const a = toApiRules([row])
    expect(a.problems).toEqual([{ index: 0, field: 'yellow', key: 'needValue' }])
    row.yellow.on = false
    row.red.on = false
    expect(toApiRules([row]).problems).toEqual([{ index: 0, field: 'red', key: 'needThreshold' }])
    row.red.on = true
    row.min_plan_wan = '一千'
    expect(toApiRules([row]).problems).toEqual([{ index: 0, field: 'min_plan', key: 'badAmount' }])
  })

  it('shows the preview red, yellow, green with the change from the board', () => {
    expect(previewItems({ green: 5, red: 2 }, { red: 3, yellow: 1, green: 3 })).toEqual([
      { colour: 'red', n: 2, delta: -1 },
      { colour: 'yellow', n: 0, delta: -1 },
      { colour: 'green', n: 5, delta: 2 },
    ])
    expect(previewItems({ red: 1, yellow: 0, green: 0 }, null).map((i) => i.delta)).toEqual([null, null, null])
    expect(previewItems(null).map((i) => i.n)).toEqual([0, 0, 0])
  })
})

describe('the figures', () => {
  it('computes 序时进度 as the server does', () => {
    expect(elapsedShare(2026, '2026-10-31')).toBe(83.3)
    expect(elapsedShare(2026, '2026-11-03')).toBe(84.1)
    expect(elapsedShare(2026, '2026-12-31')).toBe(100)
    expect(elapsedShare(2026, '2025-12-31')).toBe(0)
    expect(elapsedShare(2024, '2024-02-29')).toBe(16.4) // leap year: 60 of 366
    expect(monthEnd(2026, 2)).toBe('2026-02-28')
    expect(monthsShown(2026, '2026-11-21')).toBe(11)
  })

  it('draws monthly completion against plan × elapsed up to as_of', () => {
    const monthly = [0, 0, 100, 200, 0, 0, 0, 0, 0, 0, 0, 0]
    const s = chartSeries({ monthly, planned_yuan: 1_000_000 }, 2026, '2026-04-15')
    expect(s.months).toEqual([1, 2, 3, 4])
    expect(s.cumulative).toEqual([0, 0, 100, 300])
    expect(s.target[0]).toBe(85000) // 31/365 = 8.5%
    expect(s.target[3]).toBe(288000) // 105/365 = 28.8%, as of April 15
  })

  it('writes rates and gaps', () => {
    expect(pct(83.25)).toBe('83.3%')
    expect(pct(null)).toBe('—')
    expect(points(12.5)).toBe('+12.5')
    expect(points(-3)).toBe('-3.0')
  })
})

describe('period suggestions', () => {
  it('gives the week, the 旬 and the month of a day', () => {
    expect(periodRange('monthly', '2026-02-10')).toEqual({ start: '2026-02-01', end: '2026-02-28' })
    expect(periodRange('tenday', '2026-11-21')).toEqual({ start: '2026-11-21', end: '2026-11-30' })
    expect(periodRange('tenday', '2026-11-11')).toEqual({ start: '2026-11-11', end: '2026-11-20' })
    expect(periodRange('weekly', '2026-11-21')).toEqual({ start: '2026-11-16', end: '2026-11-22' }) // Saturday → Mon-Sun
    expect(periodRange('weekly', '2026-12-30')).toEqual({ start: '2026-12-28', end: '2027-01-03' })
  })

  it('names a period the way offices do', () => {
    setLocale('zh-CN')
    const n = periodName('monthly', '2026-11-01', '2026-11-30')
    expect(i18n.global.t(`dispatch.open.${n.key}`, n.args)).toBe('2026年11月月报')
    const td = periodName('tenday', '2026-11-21', '2026-11-30')
    expect(td.args.part).toBe(3)
  })
})

describe('dispatch catalogues', () => {
  const zh = flatten(dispatchZh as unknown as Tree)
  const en = flatten(dispatchEn as unknown as Tree)

  it('have the same keys and placeholders in zh-CN and en-US, none empty', () => {
    expect([...zh.keys()].filter((k) => !en.has(k))).toEqual([])
    expect([...en.keys()].filter((k) => !zh.has(k))).toEqual([])
    for (const [k, v] of zh) {
      expect(v.trim(), k).not.toBe('')
      expect(params(en.get(k) ?? ''), k).toEqual(params(v))
    }
  })

  it('are what the main catalogues hold under dispatch (no other module overrides them)', () => {
    expect(zhCN.dispatch).toBe(dispatchZh.dispatch)
    expect(enUS.dispatch).toBe(dispatchEn.dispatch)
  })
})

// The form itself, mounted: what the browser sends when the officer saves.

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const Stub = defineComponent({ template: '<div />' })

const report: Report = {
  id: 7,
  period_id: 3,
  period_name: '2026年11月月报',
  project_id: 11,
  project_name: '城关镇智能制造产业园',
  project_code: 'GX-001',
  department_name: '县工业和信息化局',
  status: 'returned',
  deadline: '2099-12-07',
  ...blank,
  invested_yuan: 12345600,
  submitted_at: null,
  submitted_by: '',
  reviewed_at: '2026-11-20T02:00:00Z',
  reviewed_by: 'gxj',
  return_reason: '照片不清楚',
  photos: [],
  amendments: [],
  updated_at: '2026-11-20T02:00:00Z',
  version: 4,
}

describe('ReportView', () => {
  beforeEach(() => setLocale('zh-CN'))
  afterEach(() => configureHttp({ fetch: (...a) => globalThis.fetch(...a) }))

  it('shows the return reason and PATCHes every figure in exact yuan with the version', async () => {
    const sent: { method: string; url: string; body: unknown }[] = []
    const fetch = vi.fn(async (url: string, init: RequestInit) => {
      sent.push({ method: init.method ?? 'GET', url, body: init.body ? JSON.parse(init.body as string) : undefined })
      if (url === '/api/v1/reports/7' && init.method === 'GET') return json(200, report)
      if (url === '/api/v1/periods/3') return json(200, { id: 3, closed: false, counts: {} })
      if (url === '/api/v1/reports/7' && init.method === 'PATCH') return json(200, { ...report, ...(sent.at(-1)!.body as object), version: 5 })
      return json(404, { error: { code: 'not_found', message: 'no' } })
    })
    configureHttp({ fetch: fetch as unknown as typeof globalThis.fetch })
    const pinia = createPinia()
    setActivePinia(pinia)
    useSessionStore().user = { id: 5, username: 'officer', role: 'officer', must_change_password: false } as never
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/reports/:id', component: ReportView }, { path: '/:rest(.*)*', component: Stub }] })
    await router.push('/reports/7')
    const wrapper = mount(ReportView, { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
    await flushPromises()

    expect(wrapper.text()).toContain('已退回：照片不清楚')
    const invested = wrapper.find('input[name=invested_wan]')
    expect((invested.element as HTMLInputElement).value).toBe('1234.56')
    await invested.setValue('2000.29')
    await wrapper.find('[data-test=report-save]').trigger('click')
    await flushPromises()

    const patch = sent.find((s) => s.method === 'PATCH')
    expect(patch?.url).toBe('/api/v1/reports/7')
    expect(patch?.body).toEqual({ ...blank, invested_yuan: 20002900, version: 4 })
    wrapper.unmount()
  })
})
