import { shanghaiDate, toIsoShanghai } from '@/core/time/shanghai'

/** Every seed's world starts here: a Monday morning in February 2020. */
export const SEED_EPOCH_MS = Date.parse('2020-02-10T10:00:00+08:00')

/**
 * The server's clock. It runs with real time from wherever it was last set (so countdowns move),
 * or stands still when frozen (handler tests step it by hand).
 */
export class MockClock {
  private offsetMs: number
  private frozenAt: number | null

  constructor(startMs = SEED_EPOCH_MS, opts: { frozen?: boolean; realNow?: () => number } = {}) {
    this.realNow = opts.realNow ?? (() => Date.now())
    this.offsetMs = startMs - this.realNow()
    this.frozenAt = opts.frozen ? startMs : null
  }

  private readonly realNow: () => number

  now(): number {
    return this.frozenAt ?? this.realNow() + this.offsetMs
  }

  get frozen(): boolean {
    return this.frozenAt !== null
  }

  /** Real time now, on the machine's clock: what a kept reading of this clock is paired with. */
  real(): number {
    return this.realNow()
  }

  set(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt = ms
    else this.offsetMs = ms - this.realNow()
  }

  advance(ms: number): void {
    this.set(this.now() + ms)
  }

  /** `YYYY-MM-DD` in Shanghai. */
  today(): string {
    return shanghaiDate(this.now())
  }

  iso(ms = this.now()): string {
    return toIsoShanghai(ms)
  }
}
