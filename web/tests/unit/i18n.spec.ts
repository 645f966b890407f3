import { describe, expect, it } from 'vitest'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import { DEPARTMENT_KINDS, ROLES } from '@/api/types'
import { LEVELS, NATURES, STAGES } from '@/api/projects'
import { nav, routes, type NavItem } from '@/router/routes'
import type { RouteRecordRaw } from 'vue-router'

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

const zh = flatten(zhCN as Tree)
const en = flatten(enUS as unknown as Tree)

/** The {placeholders} of a message, sorted. */
const params = (msg: string) => [...msg.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('i18n catalogues', () => {
  it('have the same keys in zh-CN and en-US', () => {
    const onlyZh = [...zh.keys()].filter((k) => !en.has(k))
    const onlyEn = [...en.keys()].filter((k) => !zh.has(k))
    expect(onlyZh).toEqual([])
    expect(onlyEn).toEqual([])
  })

  it('have no empty messages', () => {
    for (const [k, v] of [...zh, ...en]) expect(v.trim(), k).not.toBe('')
  })

  it('use the same placeholders in both languages', () => {
    for (const [k, v] of zh) expect(params(en.get(k) ?? ''), k).toEqual(params(v))
  })

  it('name every role and department kind', () => {
    for (const r of ROLES) expect(zh.has(`roles.${r}`), r).toBe(true)
    for (const k of DEPARTMENT_KINDS) expect(zh.has(`departmentKinds.${k}`), k).toBe(true)
  })

  it('name every stage, nature and level of a project', () => {
    for (const s of STAGES) expect(zh.has(`stages.${s}`), s).toBe(true)
    for (const n of NATURES) expect(zh.has(`natures.${n}`), n).toBe(true)
    for (const l of LEVELS) expect(zh.has(`levels.${l}`), l).toBe(true)
  })

  it('have the titles and placeholder texts the router and sidebar use', () => {
    const keys: string[] = []
    const walkNav = (items: NavItem[]) =>
      items.forEach((i) => {
        keys.push(i.title)
        if (i.children) walkNav(i.children)
      })
    const walkRoutes = (rs: RouteRecordRaw[]) =>
      rs.forEach((r) => {
        if (r.meta?.title) keys.push(r.meta.title)
        if (r.meta?.placeholder) keys.push(r.meta.placeholder)
        if (r.children) walkRoutes(r.children)
      })
    walkNav(nav)
    walkRoutes(routes)
    expect(keys.length).toBeGreaterThan(10)
    for (const k of keys) expect(zh.has(k), k).toBe(true)
  })
})
