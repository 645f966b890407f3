import { describe, expect, it } from 'vitest'
import { formatWan, formatYi, isBig, wanToYuan, yuanToWan } from '@/ui/money'

describe('wanToYuan', () => {
  it('converts 万元 to integer yuan exactly', () => {
    expect(wanToYuan('0.01')).toBe(100)
    expect(wanToYuan('1234.56')).toBe(12345600)
    expect(wanToYuan('1378400')).toBe(13784000000)
    expect(wanToYuan('0.0001')).toBe(1)
    expect(wanToYuan('5')).toBe(50000)
    expect(wanToYuan('.5')).toBe(5000)
    expect(wanToYuan('12.')).toBe(120000)
    expect(wanToYuan('0')).toBe(0)
  })

  it('does not fall into floating-point traps', () => {
    // 0.29 * 10000 = 2899.9999999999995 and 1.1 * 10000 = 11000.000000000002 in floats.
    expect(wanToYuan('0.29')).toBe(2900)
    expect(wanToYuan('1.1')).toBe(11000)
    expect(wanToYuan('4.35')).toBe(43500)
    expect(wanToYuan('8888888.8888')).toBe(88888888888)
    for (let cents = 0; cents < 10000; cents += 7) {
      const wan = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`
      expect(wanToYuan(wan)).toBe(cents * 100)
    }
  })

  it('accepts separators, spaces, a sign and numbers', () => {
    expect(wanToYuan(' 1,234.56 ')).toBe(12345600)
    expect(wanToYuan('1，378，400')).toBe(13784000000)
    expect(wanToYuan('-0.5')).toBe(-5000)
    expect(wanToYuan('+3')).toBe(30000)
    expect(wanToYuan(1234.56)).toBe(12345600)
    expect(wanToYuan('1.00000')).toBe(10000)
  })

  it('refuses what is not an amount or not a whole number of yuan', () => {
    for (const bad of ['', ' ', '.', '-', 'abc', '约5亿', '1e3', '1.2.3', '12万', '0.00001', '1.23456']) {
      expect(wanToYuan(bad), bad).toBeNull()
    }
    expect(wanToYuan(null)).toBeNull()
    expect(wanToYuan(undefined)).toBeNull()
    expect(wanToYuan('9999999999999999')).toBeNull() // past 2^53 yuan
  })
})

describe('yuanToWan', () => {
  it('writes the exact 万元 amount with no needless decimals', () => {
    expect(yuanToWan(100)).toBe('0.01')
    expect(yuanToWan(12345600)).toBe('1234.56')
    expect(yuanToWan(13784000000)).toBe('1378400')
    expect(yuanToWan(1)).toBe('0.0001')
    expect(yuanToWan(0)).toBe('0')
    expect(yuanToWan(-5000)).toBe('-0.5')
    expect(yuanToWan(null)).toBe('')
  })

  it('round-trips with wanToYuan', () => {
    for (const y of [0, 1, 99, 100, 2900, 12345600, 13784000000, 88888888888, 9007199254740991]) {
      expect(wanToYuan(yuanToWan(y))).toBe(y)
    }
  })
})

describe('formatWan and formatYi', () => {
  it('show 2 decimals with separators', () => {
    expect(formatWan(12345600)).toBe('1,234.56')
    expect(formatWan(13784000000)).toBe('1,378,400.00')
    expect(formatWan(100)).toBe('0.01')
    expect(formatWan(0)).toBe('0.00')
    expect(formatWan(13784000000, { group: false })).toBe('1378400.00')
    expect(formatWan(null)).toBe('')
  })

  it('round half up', () => {
    expect(formatWan(49)).toBe('0.00')
    expect(formatWan(50)).toBe('0.01')
    expect(formatWan(-50)).toBe('-0.01')
    expect(formatWan(-49)).toBe('0.00')
  })

  it('shows 亿元', () => {
    expect(formatYi(24724860000)).toBe('247.25')
    expect(formatYi(13784000000)).toBe('137.84')
    expect(formatYi(1234567890000)).toBe('12,345.68')
    expect(isBig(100000000)).toBe(true)
    expect(isBig(99999999)).toBe(false)
  })
})
