/**
 * H5 scrolls pages and long lists inside boxes of their own: a box a keyboard cannot focus cannot
 * be scrolled without a mouse (axe: scrollable-region-focusable). WeChat scrolls natively, so
 * this does nothing outside H5.
 */
export function makeKeyboardScrollable(box: Element | null | undefined, name?: string): void {
  if (process.env.TARO_ENV !== 'h5' || !(box instanceof HTMLElement) || box.hasAttribute('tabindex')) return
  box.tabIndex = 0
  if (name) box.setAttribute('aria-label', name)
}
