import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useLargeText } from './largeText'

/** Every page's outermost box: the tokens, 长辈模式, and a bottom bar for the one main action. */
export function Screen({ children, footer, className }: { children: ReactNode; footer?: ReactNode; className?: string }) {
  const { enabled } = useLargeText()
  const classes = ['screen', enabled ? 'screen--large' : '', footer ? 'screen--with-footer' : '', className ?? '']
  return (
    <View className={classes.filter(Boolean).join(' ')}>
      {children}
      {footer ? <View className="screen__footer">{footer}</View> : null}
    </View>
  )
}
