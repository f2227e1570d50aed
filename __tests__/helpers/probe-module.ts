import * as v from 'valibot'
import { ListQuery } from '@/core/contract/common'
import type { ServiceModule } from '@/mock/core/module'
import { moduleHandle } from '@/mock/core/module'
import { paginate } from '@/mock/core/paging'
import { route } from '@/mock/core/router'
import { HttpError } from '@/mock/core/http'
import { nextId } from '@/mock/core/state'
import { requireAccount } from '@/mock/session/accounts'

/**
 * A tiny service used only by the platform tests, so the contract's transport rules
 * (idempotency, paging, body limits) are tested apart from any real service.
 */
interface ProbeState {
  notes: { id: string; text: string; n: number }[]
  failNext: number | null
}
const probe = moduleHandle<ProbeState, null>('probe')

const NoteBody = v.object({ text: v.pipe(v.string('请填写内容'), v.minLength(1, '请填写内容'), v.maxLength(100, '内容过长')) })
const NotesQuery = v.object({ ...ListQuery.entries, parity: v.optional(v.picklist(['odd', 'even'])) })

export const probeModule: ServiceModule<ProbeState, null> = {
  name: 'probe',
  createBase: () => null,
  createState: () => ({
    notes: Array.from({ length: 45 }, (_, i) => ({ id: `n${String(i + 1).padStart(3, '0')}`, text: `note ${i + 1}`, n: i + 1 })),
    failNext: null,
  }),
  routes: [
    route({
      method: 'POST',
      path: '/api/v1/probe/notes',
      auth: 'required',
      idempotent: true,
      body: NoteBody,
      handle(ctx, { body }) {
        requireAccount(ctx)
        const state = probe.state(ctx)
        if (state.failNext) {
          const status = state.failNext
          state.failNext = null
          throw new HttpError(status, status === 429 ? 'RATE_LIMITED' : 'INTERNAL', '探针故障')
        }
        const note = { id: nextId(ctx.db.core, 'n'), text: body.text, n: state.notes.length + 1 }
        state.notes.push(note)
        return { status: 201, body: note }
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/probe/notes',
      auth: 'none',
      query: NotesQuery,
      handle(ctx, { query }) {
        const all = probe.state(ctx).notes.filter((n) => !query.parity || (n.n % 2 === 1) === (query.parity === 'odd'))
        // Newest first, as most lists are.
        const sorted = [...all].sort((a, b) => b.n - a.n)
        const page = paginate(ctx, sorted, {
          list: 'probe-notes',
          filters: { parity: query.parity },
          page: query,
          keyOf: (n) => n.n,
          idOf: (n) => n.id,
          compare: (a, b) => Number(b.k) - Number(a.k) || a.i.localeCompare(b.i),
        })
        return { status: 200, body: page }
      },
    }),
    route({
      method: 'POST',
      path: '/api/v1/probe/fail-next',
      auth: 'none',
      body: v.object({ status: v.number() }),
      handle(ctx, { body }) {
        probe.state(ctx).failNext = body.status
        return { status: 204 }
      },
    }),
  ],
}
