import { Image, View } from '@tarojs/components'
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
  // Named for what it is and what to do with it; the code itself is printed beside it. Taro's H5
  // image gives its <img> no alt, so the box carries the name and the picture is hidden from readers.
  return (
    <View className="masks-qr-box" role="img" aria-label="取件二维码，领取时出示给发放点工作人员扫码">
      <Image className="masks-qr" src={src} mode="scaleToFill" aria-hidden />
    </View>
  )
}
