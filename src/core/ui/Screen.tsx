import { View } from '@tarojs/components'
import { useEffect, useRef, type ReactNode } from 'react'
import { makeKeyboardScrollable } from './keyboardScroll'
import { useLargeText } from './largeText'

/** Every page's outermost box: the tokens, 长辈模式, and a bottom bar for the one main action. */
export function Screen({ children, footer, className }: { children: ReactNode; footer?: ReactNode; className?: string }) {
  const { enabled } = useLargeText()
  const ref = useRef<HTMLElement | null>(null)
  // The page's scroll box in H5 is Taro's `.taro_page` around this one.
  useEffect(() => {
    // WeChat's nodes have no `closest`, and its pages scroll natively anyway.
    if (process.env.TARO_ENV === 'h5') makeKeyboardScrollable(ref.current?.closest('.taro_page'))
  }, [])
  const classes = ['screen', enabled ? 'screen--large' : '', footer ? 'screen--with-footer' : '', className ?? '']
  return (
    <View ref={ref} className={classes.filter(Boolean).join(' ')}>
      {children}
      {footer ? <View className="screen__footer">{footer}</View> : null}
    </View>
  )
}
