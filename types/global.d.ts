/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.scss'

/** Set by config/index.ts through defineConstants; see README "Build modes". */
declare const API_BASE: string
declare const EMBEDDED_MOCK: boolean
declare const LOGIN_WITH_WECHAT: boolean
declare const DEMO_ACCOUNTS: boolean

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5'
    TARO_APP_API_BASE?: string
    TARO_APP_EMBEDDED_MOCK?: string
  }
}
