// Empties dist/ before a build but keeps dist/.gitkeep, which go:embed needs
// so that the Go binary compiles even before the front end is built.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const dist = new URL('../dist/', import.meta.url).pathname
mkdirSync(dist, { recursive: true })
for (const name of readdirSync(dist)) {
  if (name !== '.gitkeep') rmSync(join(dist, name), { recursive: true, force: true })
}
writeFileSync(join(dist, '.gitkeep'), '')
