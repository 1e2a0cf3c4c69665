import type { ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'

/** The first line a child prints on stdout (`sightline start --json` prints its address there). */
export function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')))
    })
    child.on('exit', (code) => reject(new Error(`node exited with ${code}`)))
  })
}

/** utime + stime of a process (all threads), in ms; Linux clock ticks are 10 ms. */
export function cpuMs(pid: number): Promise<number> {
  return readFile(`/proc/${pid}/stat`, 'utf8').then((stat) => {
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  })
}
