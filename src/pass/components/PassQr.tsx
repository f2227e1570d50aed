import { Image, View } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import { useMemo } from 'react'

/**
 * A pass token as a QR code (byte mode: the token is base64url; level M survives a cracked or
 * dim screen). A GIF data URL is an `<Image>` source in WeChat and in H5 alike: one node to send
 * on each renewal, where a grid of views would be thousands.
 */
export function passQrDataUrl(token: string): string {
  const qr = qrcode(0, 'M')
  qr.addData(token, 'Byte')
  qr.make()
  return qr.createDataURL(6, 4)
}

export function PassQr({ token }: { token: string }) {
  const src = useMemo(() => passQrDataUrl(token), [token])
  // Taro's H5 image gives its <img> no alt: the box carries the name, the picture is hidden from readers.
  return (
    <View className="pass-qr-box" role="img" aria-label="通行码二维码，请出示给工作人员扫码">
      <Image className="pass-qr" src={src} mode="scaleToFill" aria-hidden />
    </View>
  )
}
