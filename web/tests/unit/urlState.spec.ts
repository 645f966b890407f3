import { describe, expect, it } from 'vitest'
import { useLatest } from '@/ui/urlState'

describe('useLatest', () => {
  it('lands only the newest answer and stays loading until it is in', async () => {
    const { loading, run } = useLatest()
    const landed: string[] = []
    let finishFirst!: () => void
    const first = run(async (current) => {
      await new Promise<void>((r) => (finishFirst = r))
      if (current()) landed.push('first')
    })
    let finishSecond!: () => void
    const second = run(async (current) => {
      await new Promise<void>((r) => (finishSecond = r))
      if (current()) landed.push('second')
    })
    expect(loading.value).toBe(true)
    finishFirst()
    await first
    expect(loading.value).toBe(true) // the older load ended; the newer is still out
    finishSecond()
    await second
    expect(loading.value).toBe(false)
    expect(landed).toEqual(['second'])
  })
})
