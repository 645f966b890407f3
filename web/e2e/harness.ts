// What the browser tests need around them: a real Tuijin server on a free
// port with a fresh SQLite database, and a headless Chromium that writes
// nothing outside a temp folder.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { chromium, request, type APIRequestContext, type BrowserContext, type Page } from 'playwright-core'

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export const screenshotDir = resolve(webDir, '../test-output/e2e')

export interface RunningServer {
  url: string
  username: string
  password: string
  /** Everything the server printed, for failure messages. */
  output: string[]
  stop: () => Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      srv.close(() => (typeof addr === 'object' && addr ? ok(addr.port) : fail(new Error('no port'))))
    })
  })
}

/**
 * startServer runs `tuijin serve` on a fresh database and waits until it has
 * printed the first admin account and "listening on".
 */
export async function startServer(): Promise<RunningServer> {
  const bin = resolve(webDir, process.env.TUIJIN_BIN ?? '../bin/tuijin')
  if (!existsSync(bin)) {
    throw new Error(`server binary not found at ${bin}: build it (go build -o bin/tuijin ./cmd/tuijin) or set TUIJIN_BIN`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'tuijin-e2e-'))
  const port = await freePort()
  const env = { ...process.env }
  delete env.TUIJIN_ADMIN_PASSWORD
  const child = spawn(bin, ['serve', '--addr', `127.0.0.1:${port}`, '--db', `sqlite:${dir}/t.db`], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })

  const output: string[] = []
  let username = ''
  let password = ''
  let listening = false

  const ready = new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server not ready after 30 s:\n${output.join('\n')}`)), 30_000)
    const onLine = (line: string) => {
      output.push(line)
      const m = /username (\S+), password (\S+)/.exec(line)
      if (m && !username) [, username, password] = m
      if (line.includes('listening on')) listening = true
      if (username && listening) {
        clearTimeout(timer)
        ok()
      }
    }
    createInterface({ input: child.stdout! }).on('line', onLine)
    // The account line is read from stdout; stderr is kept for diagnostics.
    createInterface({ input: child.stderr! }).on('line', (l) => output.push(l))
    child.on('exit', (code) => {
      clearTimeout(timer)
      fail(new Error(`server exited with ${code} before it was ready:\n${output.join('\n')}`))
    })
  })

  try {
    await ready
  } catch (err) {
    child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
    throw err
  }

  return {
    url: `http://127.0.0.1:${port}`,
    username: username.replace(/[,;.]$/, ''),
    password: password.replace(/[,;]$/, ''),
    output,
    stop: async () => {
      await stopChild(child)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((ok) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 5_000)
    child.once('exit', () => {
      clearTimeout(hard)
      ok()
    })
    child.kill('SIGTERM')
  })
}

export interface RunningBrowser {
  context: BrowserContext
  page: Page
  close: () => Promise<void>
}

/** launchBrowser starts headless Chromium as STACK.md prescribes. */
export async function launchBrowser(): Promise<RunningBrowser> {
  const dir = mkdtempSync(join(tmpdir(), 'tuijin-chromium-'))
  const xdg = { XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache') }
  Object.assign(process.env, xdg)
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    env: { ...process.env, ...xdg },
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
    close: async () => {
      await context.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * screenshots saves the pictures of one test file as
 * test-output/e2e/<prefix>NN-name.png, numbered in order, after removing
 * that prefix's pictures of an earlier run. The layout scrolls inside its
 * main area, so a full-page shot stops at the window; `tall` grows the
 * window to the content's height for the picture. It returns the file.
 */
export function screenshots(prefix: string): (page: Page, name: string, opts?: { tall?: boolean }) => Promise<string> {
  mkdirSync(screenshotDir, { recursive: true })
  if (prefix) for (const f of readdirSync(screenshotDir)) if (f.startsWith(prefix) && f.endsWith('.png')) rmSync(join(screenshotDir, f))
  let shot = 0
  return async (page, name, opts = {}) => {
    // Let Element Plus finish its transitions so that the picture is settled.
    await page.waitForTimeout(350)
    const file = join(screenshotDir, `${prefix}${String(++shot).padStart(2, '0')}-${name}.png`)
    const size = page.viewportSize()
    if (opts.tall && size) {
      const height = await page.evaluate(() => {
        const main = document.querySelector('.layout__main')
        return main ? Math.ceil(main.scrollHeight + main.getBoundingClientRect().top) : document.documentElement.scrollHeight
      })
      await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height, size.height), 4000) })
      await page.waitForTimeout(250)
      await page.screenshot({ path: file, fullPage: true })
      await page.setViewportSize(size)
      return file
    }
    await page.screenshot({ path: file })
    return file
  }
}

/** screenshot saves a picture of the app's own tests (test-output/e2e/NN-name.png). */
export const screenshot = screenshots('')

/**
 * apiHelpers are the API calls the tests prepare their data with, against
 * the server whose address url() gives: api() checks the status and parses
 * the JSON; apiLogin() logs a fresh request context in, changing a first
 * password to next when asked.
 */
export function apiHelpers(url: () => string, next: string) {
  async function api<T>(ctx: APIRequestContext, method: string, path: string, data?: unknown, status = [200, 201]): Promise<T> {
    const res = await ctx.fetch(`${url()}${path}`, { method, data, headers: { 'Accept-Language': 'zh-CN' } })
    const text = await res.text()
    if (!status.includes(res.status())) throw new Error(`${method} ${path}: ${res.status()} ${text}`)
    return (text ? JSON.parse(text) : undefined) as T
  }
  async function apiLogin(username: string, password: string, newPassword = next): Promise<APIRequestContext> {
    const ctx = await request.newContext()
    const r = await api<{ user: { must_change_password: boolean } }>(ctx, 'POST', '/api/v1/session', { username, password })
    if (r.user.must_change_password) {
      await api(ctx, 'PUT', '/api/v1/session/password', { current_password: password, new_password: newPassword }, [200, 204])
    }
    return ctx
  }
  return { api, apiLogin }
}
