/**
 * In H5 the app never grows past a phone-wide column (src/index.html sets the type scale from
 * it and centres it). What a page measures in px must use the same width.
 */
export const H5_COLUMN_PX = 430

/** The width the app is laid out in: the window on a phone, the column in a wide browser. */
export function layoutWidth(windowWidth: number): number {
  return process.env.TARO_ENV === 'h5' ? Math.min(windowWidth, H5_COLUMN_PX) : windowWidth
}

/**
 * Design px (375 wide) → screen px, as the stylesheet scales them: rpx in WeChat follow the
 * width; H5's rem follows the column and never shrinks below the design size.
 */
export function designPx(px: number, windowWidth: number): number {
  const width = process.env.TARO_ENV === 'h5' ? Math.max(layoutWidth(windowWidth), 375) : windowWidth
  return Math.round((px * width) / 375)
}
