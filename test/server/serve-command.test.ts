/** `asl-runtime serve` argument handling (the server itself is tested through the SDK and the built CLI). */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { capture } from '../cli/fixtures.js';

describe('asl-runtime serve arguments', () => {
  it('prints its usage with --help, including the no-authentication warning', async () => {
    const c = capture();
    expect(await main(['serve', '--help'], c.io)).toBe(0);
    expect(c.stdout()).toContain('--mock-config FILE');
    expect(c.stdout()).toContain('NO\n                        authentication');
  });

  it.each([
    [['--port', 'eighty'], '--port must be a number'],
    [['--port', '70000'], '--port must be a number'],
    [['--colour'], 'unknown option --colour'],
    [['machine.json'], "unexpected argument 'machine.json'"],
  ])('refuses %j with exit code 2', async (args, message) => {
    const c = capture();
    expect(await main(['serve', ...args], c.io)).toBe(2);
    expect(c.stderr()).toContain(message);
  });

  it('fails with exit code 1 and a plain message when the handlers module cannot be loaded', async () => {
    const c = capture();
    expect(await main(['serve', '--port', '0', '--handlers', '/nonexistent/handlers.mjs'], c.io)).toBe(1);
    expect(c.stderr()).toContain("cannot load the handlers module '/nonexistent/handlers.mjs'");
  });
});
