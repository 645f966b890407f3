import { describe, expect, it } from 'vitest'
import { changeLines, formatDateTime, formatValue } from '@/ui/format'

describe('changeLines', () => {
  it('renders field: before → after', () => {
    expect(changeLines({ name: ['发改局', '发展和改革局'], active: [true, false] })).toEqual([
      'name: 发改局 → 发展和改革局',
      'active: true → false',
    ])
  })

  it('shows missing values as ∅', () => {
    expect(changeLines({ head: [null, '张三'], phone: ['123', ''] })).toEqual(['head: ∅ → 张三', 'phone: 123 → ∅'])
  })

  it('copes with no changes', () => {
    expect(changeLines(null)).toEqual([])
    expect(changeLines({})).toEqual([])
  })
})

describe('formatValue', () => {
  it('prints objects as JSON', () => {
    expect(formatValue({ a: 1 })).toBe('{"a":1}')
    expect(formatValue(12.5)).toBe('12.5')
  })
})

describe('formatDateTime', () => {
  it('formats in local time without seconds', () => {
    const d = new Date(2025, 2, 8, 9, 5, 33)
    expect(formatDateTime(d.toISOString())).toBe('2025-03-08 09:05')
  })

  it('passes through empty and unparseable values', () => {
    expect(formatDateTime(null)).toBe('')
    expect(formatDateTime('soon')).toBe('soon')
  })
})
