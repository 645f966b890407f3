import { describe, expect, it } from 'vitest'
import type { Project } from '@/api/projects'
import { blankModel, changedFields, fromProject, toInput } from '@/ui/projectForm'

const project: Project = {
  id: 9,
  code: '2023-354929-89-02-000134',
  name: '城关镇现代物流园一期',
  flagship: true,
  stage: 'construction',
  nature: 'continued',
  level: 'county',
  domain: '产业',
  industry: '现代服务业',
  category: '产业项目',
  content: '建设仓储用房4万平方米',
  town: '城关镇',
  address: '城关镇经济开发区',
  longitude: 114.27155672781143,
  latitude: 27.07813089861075,
  land_area_mu: 7.3,
  floor_area_m2: 6198,
  total_investment_yuan: 13784000000,
  completed_before_yuan: 12345678,
  start_year: 2024,
  end_year: 2026,
  planned_start: '2024-05-03',
  planned_completion: '2026-11-08',
  actual_start: '2024-06-01',
  actual_completion: '',
  owner_name: '安塘华南机械制造有限公司',
  owner_department_id: 33,
  owner_head: '马少华',
  owner_contact: '蔡伟',
  owner_phone: '170493206484',
  leader_id: 7,
  leader_name: '潘明',
  department_id: 17,
  department_name: '青州街道',
  dept_head: '董桂英',
  dept_liaison: '史霞',
  dept_phone: '0597-5336705',
  officer_id: 33,
  officer_name: '于丽',
  task_force: '',
  funding: [
    { source: '企业自筹', amount_yuan: 2190000 },
    { source: '银行贷款', amount_yuan: 1 },
  ],
  years: [
    { year: 2026, planned_yuan: 30000, level: 'county' },
    { year: 2025, planned_yuan: 350000, level: 'city' },
  ],
  tags: ['民营投资'],
  remarks: '',
  extra: { 备案号: 'X-1' },
  archived: false,
  created_at: '2023-11-07T07:29:00Z',
  updated_at: '2025-12-09T07:06:00Z',
  version: 3,
}

describe('project form model', () => {
  it('shows amounts as exact 万元 and gives them back as the same yuan', () => {
    const m = fromProject(project)
    expect(m.total_wan).toBe('1378400')
    expect(m.completed_before_wan).toBe('1234.5678')
    expect(m.years.map((y) => y.year)).toEqual([2025, 2026])
    expect(m.funding[1].wan).toBe('0.0001')
    const { input, problems } = toInput(m)
    expect(problems).toEqual({})
    expect(input.total_investment_yuan).toBe(13784000000)
    expect(input.completed_before_yuan).toBe(12345678)
    expect(input.funding).toEqual(project.funding)
    expect(input.longitude).toBe(project.longitude)
    expect(input.extra).toEqual({ 备案号: 'X-1' })
  })

  it('sends nothing but the version when nothing changed', () => {
    const base = toInput(fromProject(project)).input
    expect(changedFields(base, toInput(fromProject(project)).input)).toEqual({})
  })

  it('sends only the changed fields, amounts in integer yuan', () => {
    const base = toInput(fromProject(project)).input
    const m = fromProject(project)
    m.total_wan = '1234.56'
    m.years[1].wan = '0.01'
    m.name = '城关镇现代物流园（一期）'
    expect(changedFields(base, toInput(m).input)).toEqual({
      name: '城关镇现代物流园（一期）',
      total_investment_yuan: 12345600,
      years: [
        { year: 2025, planned_yuan: 350000, level: 'city' },
        { year: 2026, planned_yuan: 100, level: 'county' },
      ],
    })
  })

  it('lists what must be fixed', () => {
    const m = blankModel(2026)
    m.total_wan = '约5亿'
    m.completed_before_wan = '-1'
    m.years.push({ year: 2026, wan: '1', level: '' }, { year: 1800, wan: '0.00001', level: '' })
    m.latitude = '北纬27'
    m.funding = [{ source: '', wan: '' }, { source: '专项债', wan: 'x' }]
    const { problems } = toInput(m)
    expect(problems).toEqual({
      name: 'nameRequired',
      total_investment_yuan: 'amountInvalid',
      completed_before_yuan: 'amountNegative',
      'years.1': 'yearDuplicate',
      'years.2': 'amountInvalid',
      latitude: 'numberInvalid',
      'funding.1': 'amountInvalid',
    })
  })

  it('treats empty amounts as 0 and drops empty funding rows', () => {
    const m = blankModel()
    m.name = '新项目'
    m.funding = [{ source: '', wan: '' }, { source: '专项债', wan: '1378400' }]
    const { input, problems } = toInput(m)
    expect(problems).toEqual({})
    expect(input.total_investment_yuan).toBe(0)
    expect(input.funding).toEqual([{ source: '专项债', amount_yuan: 13784000000 }])
    expect(input.longitude).toBeNull()
  })
})
