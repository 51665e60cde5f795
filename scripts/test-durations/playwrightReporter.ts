import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { writeDurations, type TestDuration } from './durations';

/** Records each end-to-end test's last attempt and its time limit (test.setTimeout included). */
export default class DurationReporter implements Reporter {
  private readonly results = new Map<string, TestDuration>();

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status === 'skipped') return;
    const name = `${test.location.file.split(/[\\/]/).slice(-2).join('/')} › ${test.title}${result.retry > 0 ? ` (retry ${result.retry})` : ''}`;
    this.results.set(test.id, { suite: 'e2e', name, ms: result.duration, limitMs: test.timeout });
  }

  onEnd(): void {
    writeDurations('e2e', [...this.results.values()]);
  }

  printsToStdio(): boolean {
    return false;
  }
}
