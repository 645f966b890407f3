// Money. The API carries integer yuan; offices think in 万元 (10,000 yuan)
// and, for big totals, 亿元 (100,000,000 yuan). Conversions are done on
// decimal strings and BigInt, never by multiplying floats: 0.29 万元 must be
// 2900 yuan, not 2899.9999999999995.

const WAN = 10_000n
const YI = 100_000_000n
const MAX = BigInt(Number.MAX_SAFE_INTEGER)

/** The digits of a 万元 amount as typed: optional sign, thousands separators allowed. */
const AMOUNT = /^([+-]?)(\d*)(?:\.(\d*))?$/

/**
 * wanToYuan converts a 万元 amount as typed ("1234.56", "1,378,400",
 * "0.01") into integer yuan. It returns null for anything that is not a
 * number, and for amounts finer than one yuan (more than 4 decimals that are
 * not zeros): those cannot be stored exactly.
 */
export function wanToYuan(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined) return null
  const text = String(input).trim().replace(/[,，\s]/g, '')
  const m = AMOUNT.exec(text)
  if (!m) return null
  const [, sign, whole = '', frac = ''] = m
  if (whole === '' && frac === '') return null
  if (frac.length > 4 && /[1-9]/.test(frac.slice(4))) return null
  const yuan = BigInt(whole || '0') * WAN + BigInt(frac.slice(0, 4).padEnd(4, '0'))
  if (yuan > MAX) return null
  const n = Number(yuan)
  return sign === '-' && n !== 0 ? -n : n
}

/**
 * yuanToWan writes integer yuan as an exact 万元 amount, with no more
 * decimals than needed: 12345600 → "1234.56", 13784000000 → "1378400",
 * 1 → "0.0001". It is what a form field shows, so that saving an untouched
 * field sends back the same yuan.
 */
export function yuanToWan(yuan: number | null | undefined): string {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return ''
  const neg = yuan < 0
  const abs = BigInt(Math.abs(Math.trunc(yuan)))
  const whole = abs / WAN
  const frac = (abs % WAN).toString().padStart(4, '0').replace(/0+$/, '')
  return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`
}

/** Rounds abs/unit to 2 decimals, half up, and writes it with thousands separators. */
function fixed2(yuan: number, unit: bigint, group: boolean): string {
  if (!Number.isFinite(yuan)) return ''
  const neg = yuan < 0
  const abs = BigInt(Math.abs(Math.trunc(yuan)))
  const hundredths = (abs * 100n + unit / 2n) / unit
  const whole = (hundredths / 100n).toString()
  const frac = (hundredths % 100n).toString().padStart(2, '0')
  const w = group ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole
  return `${neg && hundredths !== 0n ? '-' : ''}${w}.${frac}`
}

/** formatWan shows yuan as 万元 with 2 decimals and separators: 12345600 → "1,234.56". */
export function formatWan(yuan: number | null | undefined, opts: { group?: boolean } = {}): string {
  if (yuan === null || yuan === undefined) return ''
  return fixed2(yuan, WAN, opts.group ?? true)
}

/** formatYi shows yuan as 亿元 with 2 decimals: 24724860000 → "247.25". */
export function formatYi(yuan: number | null | undefined, opts: { group?: boolean } = {}): string {
  if (yuan === null || yuan === undefined) return ''
  return fixed2(yuan, YI, opts.group ?? true)
}

/** isBig says whether an amount reads better in 亿元 (at least 1 亿元). */
export function isBig(yuan: number): boolean {
  return Math.abs(yuan) >= Number(YI)
}
