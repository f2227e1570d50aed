import Taro from '@tarojs/taro'
import type { Report } from '@/core/contract/returnees'
import { reportRows } from './csv'
import { buildXlsx } from './xlsx'

export interface SavedReport {
  /** The CSV as the server wrote it (weapp: a file in the user data folder). */
  csvPath?: string
  filename: string
}

/**
 * H5: the CSV downloads as a file (its BOM lets Excel read the Chinese).
 * WeChat: `openDocument` cannot open CSV (it takes doc/docx/xls/xlsx/ppt/pptx/pdf), so the same
 * rows are written as an .xlsx and opened for reading, with the menu on so it can be forwarded;
 * the CSV is written beside it for `shareReportToChat`.
 */
export async function exportReport(report: Report): Promise<SavedReport> {
  if (process.env.TARO_ENV === 'weapp') {
    const fs = Taro.getFileSystemManager()
    const dir = Taro.env.USER_DATA_PATH
    const csvPath = `${dir}/${report.filename}`
    fs.writeFileSync(csvPath, report.csv, 'utf8')
    const xlsxPath = csvPath.replace(/\.csv$/, '.xlsx')
    const bytes = buildXlsx(reportRows(report.csv))
    fs.writeFileSync(xlsxPath, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
    await Taro.openDocument({ filePath: xlsxPath, fileType: 'xlsx', showMenu: true })
    return { csvPath, filename: report.filename }
  }
  const blob = new Blob([report.csv], { type: 'text/csv;charset=utf-8' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = report.filename
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
  return { filename: report.filename }
}

/** WeChat only, from a tap: send the CSV file to a chat, where a computer opens it in Excel. */
export async function shareReportToChat(saved: SavedReport): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp' || !saved.csvPath) return
  await Taro.shareFileMessage({ filePath: saved.csvPath, fileName: saved.filename })
}
