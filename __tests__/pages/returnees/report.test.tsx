import { parseCsv, reportRows } from '@/returnees/report/csv'
import { buildXlsx, crc32 } from '@/returnees/report/xlsx'

function latin1(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return s
}

/** Reads a stored zip back through its central directory, as a spreadsheet app would. */
function unzip(zip: Uint8Array): Record<string, string> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const end = zip.length - 22
  expect(view.getUint32(end, true)).toBe(0x06054b50)
  const count = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  const files: Record<string, string> = {}
  for (let i = 0; i < count; i += 1) {
    expect(view.getUint32(at, true)).toBe(0x02014b50)
    const crc = view.getUint32(at + 16, true)
    const size = view.getUint32(at + 20, true)
    const nameLength = view.getUint16(at + 28, true)
    const offset = view.getUint32(at + 42, true)
    const name = latin1(zip.slice(at + 46, at + 46 + nameLength))
    expect(view.getUint32(offset, true)).toBe(0x04034b50)
    const localNameLength = view.getUint16(offset + 26, true)
    const data = zip.slice(offset + 30 + localNameLength, offset + 30 + localNameLength + size)
    expect(crc32(data)).toBe(crc)
    files[name] = decodeURIComponent(escape(latin1(data)))
    at += 46 + nameLength
  }
  return files
}

describe('the report for WeChat’s openDocument', () => {
  it('computes the zip CRC-32', () => {
    expect(crc32(new Uint8Array([104, 101, 108, 108, 111])).toString(16)).toBe('3610a686')
  })

  it('parses the report CSV: BOM, quotes, commas, CRLF; and drops the anti-formula apostrophe for text cells', () => {
    const csv = '\uFEFF序号,姓名,地址\r\n1,张*,"\'=HYPERLINK(""x"")"\r\n2,欧阳**,"云南路,1号"\r\n'
    expect(parseCsv(csv)).toEqual([
      ['序号', '姓名', '地址'],
      ['1', '张*', `'=HYPERLINK("x")`],
      ['2', '欧阳**', '云南路,1号'],
    ])
    expect(reportRows(csv)[1][2]).toBe('=HYPERLINK("x")')
  })

  it('writes an .xlsx whose parts and sheet hold the rows, XML-escaped', () => {
    const files = unzip(
      buildXlsx([
        ['姓名', '地址'],
        ['欧阳**', '<b>&"云南路"'],
      ]),
    )
    expect(Object.keys(files)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/worksheets/sheet1.xml',
    ])
    const sheet = files['xl/worksheets/sheet1.xml']
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">欧阳**</t></is></c>')
    expect(sheet).toContain('&lt;b&gt;&amp;&quot;云南路&quot;')
    expect(files['xl/workbook.xml']).toContain('<sheet name="日报"')
  })
})
