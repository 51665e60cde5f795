import type { Reporter, RunnerTask, Vitest } from 'vitest/node';
import { writeDurations, type TestDuration } from './durations';

function collect(tasks: readonly RunnerTask[], prefix: string, out: TestDuration[]): void {
  for (const task of tasks) {
    if (task.type === 'suite') collect(task.tasks, `${prefix} › ${task.name}`, out);
    else if (task.result?.duration !== undefined)
      out.push({ suite: 'unit', name: `${prefix} › ${task.name}`, ms: task.result.duration, limitMs: task.timeout });
  }
}

/** Records each unit test's duration and its own time limit (a test's option, else the config's). */
export default class DurationReporter implements Reporter {
  private vitest: Vitest | null = null;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(): void {
    if (!this.vitest) return;
    const out: TestDuration[] = [];
    // The runner's tasks carry each test's own timeout; the reported TestCase does not expose it.
    for (const file of this.vitest.state.getFiles()) collect(file.tasks, file.name, out);
    writeDurations('unit', out);
  }
}
