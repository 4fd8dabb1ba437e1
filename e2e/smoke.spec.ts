/** Proves the e2e stack: a real Chromium loads the built SPA from the real server. */
import { test, expect } from './fixtures'

test('the built SPA loads in Chromium and the API answers beside it', async ({ page, request }) => {
  const response = await page.goto('/')
  expect(response?.status()).toBe(200)
  await expect(page).toHaveTitle(/Runboard/)
  await expect(page.getByRole('banner')).toContainText('Runboard')

  const health = await request.get('/api/health')
  expect(health.ok()).toBe(true)
  expect(await health.json()).toMatchObject({ ok: true })
})
