import { Image } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import { useMemo } from 'react'

/**
 * The pickup code as a QR code a counter's scanner reads (digits only, so numeric mode; level M
 * survives a cracked screen). A GIF data URL works as an `<Image>` source in WeChat and in H5.
 */
export function pickupQrDataUrl(code: string): string {
  const qr = qrcode(0, 'M')
  qr.addData(code, /^\d+$/.test(code) ? 'Numeric' : 'Byte')
  qr.make()
  return qr.createDataURL(8, 4)
}

export function PickupQr({ code }: { code: string }) {
  const src = useMemo(() => pickupQrDataUrl(code), [code])
  return <Image className="masks-qr" src={src} mode="scaleToFill" aria-label={`取件码 ${code} 的二维码`} />
}
