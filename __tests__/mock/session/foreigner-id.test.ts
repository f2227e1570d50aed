import type { Backend } from '@/mock/backend'
import { call, login, foreignerId, foreignerIdEndingInX, startVerification, testBackend } from '../../helpers/backend'

/** Logs `code` in, asks for an SMS code and verifies with `docNumber` as a foreigner. */
async function verifyForeigner(backend: Backend, code: string, docNumber: string) {
  const { token, sms, body } = await startVerification(backend, code)
  expect(sms.status).toBe(200)
  return await call(backend, 'POST', '/identity/verify', {
    token,
    body: body({ name: 'Anna Schmidt', docType: 'foreigner_permanent_id', docNumber }),
  })
}

describe('POST /identity/verify with a foreigner permanent residence ID of 2023', () => {
  it('verifies a valid number ending in a lower-case x, stored upper case: the same number in upper case is in use', async () => {
    const backend = testBackend()
    const id = foreignerIdEndingInX()
    const first = await verifyForeigner(backend, 'fpr-lower', id.toLowerCase())
    expect(first.status).toBe(200)
    expect(first.body.identity).toMatchObject({
      docType: 'foreigner_permanent_id',
      docNumberMasked: `${id.slice(0, 3)}***********${id.slice(-4)}`,
    })
    expect(first.body.identity.docNumberMasked.endsWith('X')).toBe(true)
    const second = await verifyForeigner(backend, 'fpr-upper', id)
    expect(second.status).toBe(409)
    expect(second.body.error.code).toBe('DOCUMENT_IN_USE')
  })

  it('verifies valid numbers whatever their check character', async () => {
    const backend = testBackend()
    for (let sequence = 0; sequence < 11; sequence += 1) {
      expect((await verifyForeigner(backend, `fpr-${sequence}`, foreignerId('31', sequence))).status).toBe(200)
    }
  })

  it('answers a wrong check character with 400 fields.docNumber, and verifies nobody', async () => {
    const backend = testBackend()
    const id = foreignerId('31', 3)
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0')
    const res = await verifyForeigner(backend, 'fpr-wrong', wrong)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(res.body.error.fields.docNumber).toBe('永久居留身份证号码校验位不正确，请逐位核对')
    const me = await call(backend, 'GET', '/me', { token: (await login(backend, 'fpr-wrong')).token })
    expect(me.body.verified).toBe(false)
  })

  it('still verifies the 15-character form of 2017', async () => {
    expect((await verifyForeigner(testBackend(), 'fpr-2017', 'usa123456789012')).body.identity.docNumberMasked).toBe('USA********9012')
  })
})
