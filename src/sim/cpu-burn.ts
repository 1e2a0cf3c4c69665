import { type ChildProcess, spawn } from 'node:child_process'

/** Load put on the machine while a simulation runs (other work competing for the cores). */
export interface SimLoad {
  /** Busy-loop processes running for the whole run, each keeping one core busy. */
  cpuBurnCores: number
}

/**
 * Starts `cores` child processes that spin until stopped: a neighbour hogging the CPU, so a test
 * can show the community still converges on what is left. Resolves once every one of them runs.
 */
export async function startCpuBurn(cores: number): Promise<{ stop: () => Promise<void> }> {
  const children: ChildProcess[] = []
  try {
    for (let i = 0; i < cores; i++) {
      const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' })
      children.push(child)
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve)
        child.once('error', reject)
      })
    }
  } catch (err) {
    await stopAll(children)
    throw err
  }
  return { stop: () => stopAll(children) }
}

async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve()
          child.once('exit', () => resolve())
          child.kill('SIGKILL')
        }),
    ),
  )
}
