import { Button } from '@tarojs/components'
import type { ReactNode } from 'react'

export interface ActionButtonProps {
  children: ReactNode
  onClick?: () => void
  kind?: 'primary' | 'secondary' | 'danger' | 'text'
  small?: boolean
  disabled?: boolean
  /** Shows a spinner and ignores taps: a double tap never sends twice. */
  loading?: boolean
  className?: string
  openType?: 'share' | 'contact'
}

export function ActionButton({ children, onClick, kind = 'primary', small, disabled, loading, className, openType }: ActionButtonProps) {
  const classes = ['btn', `btn--${kind}`, small ? 'btn--small' : '', disabled || loading ? 'btn--disabled' : '', className ?? '']
  return (
    <Button
      className={classes.filter(Boolean).join(' ')}
      // H5 renders a custom element: `disabled={false}` would still set the attribute and grey it out.
      disabled={disabled || loading ? true : undefined}
      loading={loading ? true : undefined}
      {...(openType ? { openType } : {})}
      onClick={() => {
        if (!disabled && !loading && onClick) onClick()
      }}
    >
      {children}
    </Button>
  )
}
