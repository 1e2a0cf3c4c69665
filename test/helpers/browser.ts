import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core'

/** Where tests save screenshots (kept by CI as artifacts, ignored by git). */
export const ARTIFACTS_DIR = join(import.meta.dirname, '..', '..', 'test-artifacts')

/** Debian's chromium (installed by .ci/run), or SIGHTLINE_CHROMIUM. */
export function chromiumPath(): string {
  const candidates = [process.env.SIGHTLINE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => p !== undefined && p !== '',
  )
  const found = candidates.find((p) => existsSync(p))
  if (found === undefined) throw new Error(`no Chromium found (tried ${candidates.join(', ')}); .ci/run installs Debian's chromium`)
  return found
}

/**
 * Opens `url` in headless Chromium, lets `check` inspect the page, and saves a full-page
 * screenshot as test-artifacts/<name>.png. Returns the screenshot path.
 */
export async function withPage(
  url: string,
  name: string,
  check: (page: Page) => Promise<void>,
  context: BrowserContextOptions = {},
): Promise<string> {
  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--no-first-run',
    ],
  })
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...context })
    const page = await ctx.newPage()
    const response = await page.goto(url, { waitUntil: 'load' })
    if (response === null || !response.ok()) throw new Error(`${url} answered ${response?.status() ?? 'nothing'}`)
    await check(page)
    await mkdir(ARTIFACTS_DIR, { recursive: true })
    const path = join(ARTIFACTS_DIR, `${name}.png`)
    await page.screenshot({ path, fullPage: true })
    return path
  } finally {
    await browser.close()
  }
}
