// D9: testState with a function mock that never settles rejects through its watchdog.
import { TestWatchdogError, testState } from 'asl-runtime/testing';
import { report } from './lib.mjs';

const map = { Type: 'Map', End: true, ItemProcessor: { StartAt: 'Each', States: { Each: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', TimeoutSeconds: 1, End: true } } } };
try {
  const r = await testState(map, { input: [1, 2], mocks: { Each: () => new Promise(() => {}) }, watchdogMs: 300 });
  report({ resolved: r.status });
} catch (e) {
  report({ rejected: e?.name, isTestWatchdogError: e instanceof TestWatchdogError, stateName: e?.stateName });
}
