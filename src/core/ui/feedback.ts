import Taro from '@tarojs/taro'

export function toast(title: string, icon: 'success' | 'none' = 'none'): void {
  void Taro.showToast({ title, icon, duration: 2500 })
}

/** A yes/no question; resolves true when the person confirms. */
export async function confirm(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  try {
    const res = await Taro.showModal({ title, content, confirmText, cancelText: '再想想', confirmColor: '#1560d4' })
    return res.confirm
  } catch {
    return false
  }
}
