import { View } from '@tarojs/components'
import { useEffect, useRef, type ReactNode } from 'react'
import { useLargeText } from './largeText'

/**
 * In H5 each page scrolls inside its own container: make it focusable, so a keyboard can scroll it
 * too (axe: scrollable-region-focusable). The weapp page scrolls natively and needs nothing.
 */
function useFocusableScroller() {
  const ref = useRef<HTMLElement | null>(null)
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    const page = ref.current?.closest?.('.taro_page')
    if (page instanceof HTMLElement && !page.hasAttribute('tabindex')) page.tabIndex = 0
  }, [])
  return ref
}

/** Every page's outermost box: the tokens, 长辈模式, and a bottom bar for the one main action. */
export function Screen({ children, footer, className }: { children: ReactNode; footer?: ReactNode; className?: string }) {
  const { enabled } = useLargeText()
  const ref = useFocusableScroller()
  const classes = ['screen', enabled ? 'screen--large' : '', footer ? 'screen--with-footer' : '', className ?? '']
  return (
    <View ref={ref} className={classes.filter(Boolean).join(' ')}>
      {children}
      {footer ? <View className="screen__footer">{footer}</View> : null}
    </View>
  )
}
