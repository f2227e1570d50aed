import Taro from '@tarojs/taro'

export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  url: string
  headers: Record<string, string>
  /** JSON text, already serialised. */
  body?: string
  timeoutMs: number
}

export interface TransportResponse {
  status: number
  /** Parsed JSON when the body was JSON, else the raw text ('' for none). */
  data: unknown
}

/** Thrown by a transport when no answer came back at all. */
export class TransportFailure extends Error {
  readonly timedOut: boolean
  constructor(message: string, timedOut: boolean) {
    super(message)
    this.name = 'TransportFailure'
    this.timedOut = timedOut
  }
}

export type Transport = (req: TransportRequest) => Promise<TransportResponse>

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data ?? ''
  try {
    return JSON.parse(data)
  } catch {
    return data
  }
}

/** The default seam: `Taro.request`, which is wx.request in WeChat and fetch in H5. */
export const taroTransport: Transport = async (req) => {
  try {
    const res = await Taro.request({
      url: req.url,
      method: req.method,
      header: req.headers,
      data: req.body,
      timeout: req.timeoutMs,
      dataType: 'text',
      responseType: 'text',
    })
    return { status: res.statusCode, data: parseBody(res.data) }
  } catch (e) {
    const msg = e instanceof Error ? e.message : String((e as { errMsg?: string })?.errMsg ?? e)
    // H5 aborts its fetch on timeout; WeChat says "request:fail timeout".
    throw new TransportFailure(msg, /timeout|abort/i.test(msg))
  }
}
