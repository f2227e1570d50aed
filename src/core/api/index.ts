import { ApiClient } from './client'
import { taroTransport } from './transport'

export * from './client'
export * from './errors'
export * from './transport'

/** The app's one API client; the session module gives it its auth hooks. */
export const api = new ApiClient({ baseUrl: API_BASE, transport: taroTransport })
