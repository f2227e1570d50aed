import { API_PREFIX, route } from '../core/router'
import { addMember, bindingsOf, leaveBinding, membersOf, removeMember } from './rules'
import { toBindings, toMember } from './views'

export const familyRoutes = [
  // No body schema: "verified only" comes before what was sent (the rule reads the body).
  route({
    method: 'POST',
    path: `${API_PREFIX}/family/members`,
    auth: 'required',
    idempotent: true,
    async handle(ctx) {
      return { status: 201, body: toMember(await addMember(ctx)) }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/family/members`,
    auth: 'required',
    async handle(ctx) {
      return { status: 200, body: { items: (await membersOf(ctx)).map(toMember) } }
    },
  }),

  route({
    method: 'DELETE',
    path: `${API_PREFIX}/family/members/:id`,
    auth: 'required',
    async handle(ctx) {
      await removeMember(ctx, ctx.params.id)
      return { status: 204 }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/family/bindings`,
    auth: 'required',
    async handle(ctx) {
      return { status: 200, body: { items: await toBindings(ctx, await bindingsOf(ctx)) } }
    },
  }),

  route({
    method: 'DELETE',
    path: `${API_PREFIX}/family/bindings/:id`,
    auth: 'required',
    async handle(ctx) {
      await leaveBinding(ctx, ctx.params.id)
      return { status: 204 }
    },
  }),
]
