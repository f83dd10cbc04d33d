/** Mermaid, DOT, SVG and the viewer page: structure, outcomes and escaping of user text. */
import { describe, expect, it, vi } from 'vitest';
import { StateMachine } from '../../src/index.js';
import { formatDuration, renderExecutionHtml, toDot, toMermaid, toSvg } from '../../src/visual/index.js';
import { describeRule } from '../../src/visual/conditions.js';
import { runShop, shopDefinition } from './fixtures.js';

// Generous: the first run imports the runtime and the layout library on a shared 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

/** State names are user data: these try to break out of every format. */
const EVIL = 'A"]; click A call alert(1) %% <img src=x onerror=alert(1)> #quot; `x` | \\N';
const SCRIPT = '</script><script>alert(2)</script>';
const hostile = {
  StartAt: EVIL,
  States: {
    [EVIL]: { Type: 'Pass', Result: SCRIPT, Next: 'Check' },
    Check: { Type: 'Choice', Choices: [{ Variable: '$', StringEquals: '"><svg onload=alert(3)>', Next: SCRIPT }], Default: SCRIPT },
    [SCRIPT]: { Type: 'Succeed' },
  },
};

describe('toMermaid', () => {
  it('writes a flowchart with shapes per type, nested subgraphs, labelled dashed Catch edges and outcome classes', async () => {
    const { history } = await runShop();
    const text = toMermaid(shopDefinition, { history });
    const lines = text.split('\n').map((l) => l.trim());
    expect(lines[0]).toBe('flowchart TD');
    expect(lines).toContain('n0["FetchOrder"]');
    expect(lines).toContain('n8{"IsPriority"}');
    expect(lines).toContain('n1[["ReserveItems"]]');
    // Rejected is numbered where a Catch first names it.
    expect(lines).toContain('n9(["Rejected"])');
    expect(lines).toContain('subgraph c0["ReserveItems · each item"]');
    // The Catch inside the item processor is dashed and labelled with its error names.
    expect(lines).toContain('n2 -.->|"Stock.OutOfStock"| n3');
    expect(lines).toContain('n8 -->|"$.priority == true"| n10');
    expect(lines).toContain('class n0 retried');
    expect(lines).toContain('class n2 caught');
    expect(lines.find((l) => l.startsWith('class ') && l.endsWith(' notRun'))).toBe('class n10,n9 notRun');
    // Every subgraph is closed.
    expect(lines.filter((l) => l.startsWith('subgraph ')).length).toBe(lines.filter((l) => l === 'end').length);
  });

  it('escapes quotes, markup, # and pipes in names and conditions as Mermaid entities', () => {
    const text = toMermaid(hostile);
    const labels = text.split('\n').filter((l) => l.includes('["') || l.includes('|"'));
    for (const line of labels) {
      const inner = line.slice(line.indexOf('"') + 1, line.lastIndexOf('"'));
      expect(inner).not.toMatch(/["<>`|]/);
    }
    expect(text).toContain('#34;');
    expect(text).not.toContain('<img');
    expect(text).not.toContain('</script>');
  });
});

describe('toDot', () => {
  it('writes a digraph with clusters, dashed Catch edges and fills by outcome', async () => {
    const { history } = await runShop();
    const text = toDot(shopDefinition, { history });
    expect(text.startsWith('digraph "state machine" {')).toBe(true);
    expect(text).toContain('subgraph "cluster_c1" {');
    expect(text).toMatch(/"n2" -> "n3" \[label="Stock\.OutOfStock", style=dashed/);
    expect(text).toMatch(/"n0" \[label="FetchOrder", fillcolor="#fdf0c8"/);
    expect(text).toMatch(/"n9" \[label="Rejected", style="rounded,filled,dashed"/);
    expect(text.split('{').length).toBe(text.split('}').length);
  });

  it('escapes quotes and backslashes so \\N and friends stay literal', () => {
    const text = toDot(hostile);
    expect(text).toContain('label="A\\"]; click A call alert(1) %% <img src=x onerror=alert(1)> #quot; `x` | \\\\N"');
    // No label ends early: every label="…" has only escaped quotes inside.
    for (const m of text.matchAll(/label="((?:[^"\\]|\\.)*)"/g)) expect(m[1]).not.toMatch(/(^|[^\\])"/);
  });
});

describe('toSvg', () => {
  it('draws every state as a hookable group with its outcome and a legend', async () => {
    const { history } = await runShop();
    const svg = toSvg(shopDefinition, { history });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const states = [...svg.matchAll(/data-state="([^"]*)" data-outcome="([^"]*)"/g)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(states)).toEqual({
      FetchOrder: 'retried', ReserveItems: 'succeeded', Reserve: 'caught', Backorder: 'succeeded', ChargeAndShip: 'succeeded', Charge: 'succeeded',
      WaitForCourier: 'succeeded', Ship: 'succeeded', IsPriority: 'succeeded', NotifyPriority: 'not-run', Notify: 'succeeded', Rejected: 'not-run',
    });
    expect(svg).toContain('Task · caught');
    expect(svg).toContain('class="asl-legend"');
    expect(svg).toMatch(/class="asl-edge asl-edge-catch asl-taken"/);
    // Laid out: positive size and every node placed.
    const [, w, h] = /viewBox="0 0 (\d+) (\d+)"/.exec(svg)!;
    expect(Number(w)).toBeGreaterThan(200);
    expect(Number(h)).toBeGreaterThan(400);
    expect(svg).not.toContain('NaN');
  });

  it('escapes names, conditions and titles as XML text', () => {
    const svg = toSvg(hostile);
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<svg onload');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(svg.match(/<svg/g)).toHaveLength(1);
  });

  it('shortens long names and keeps them in full in the tooltip', () => {
    const long = 'A'.repeat(80);
    const svg = toSvg({ StartAt: long, States: { [long]: { Type: 'Pass', End: true } } });
    expect(svg).toContain(`>${'A'.repeat(33)}…</text>`);
    expect(svg).toContain(`<title>${long} (Pass)</title>`);
  });
});

describe('renderExecutionHtml', () => {
  it('is one page with the graph, the data and the script inline, and no way to load anything', async () => {
    const { history } = await runShop();
    const html = renderExecutionHtml(shopDefinition, history, { title: 'Order A-1' });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
    expect(html).toContain('<svg xmlns=');
    expect(html).toContain('id="asl-data"');
    expect(html).not.toMatch(/\s(src|href)=/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).not.toMatch(/@import|url\(\s*['"]?(?!#)/);
  });

  it('escapes the title, state names and payloads (no </script> from data can end the data block)', async () => {
    const machine = new StateMachine(hostile);
    const execution = machine.start({ note: SCRIPT });
    await execution.result;
    const html = renderExecutionHtml(hostile, execution.history, { title: `<b>${SCRIPT}</b>` });
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain('<title>&lt;b&gt;&lt;/script&gt;');
    expect(html).not.toContain('<img');
  });

  it('accepts an AWS export object and refuses a history that is not one', () => {
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };
    const events = [{ id: 1, previousEventId: 0, timestamp: 1714554000, type: 'ExecutionStarted', executionStartedEventDetails: { input: '{}' } }];
    expect(renderExecutionHtml(def, { events })).toContain('RUNNING');
    expect(() => renderExecutionHtml(def, { nope: 1 } as never)).toThrow(/"events" array/);
  });
});

describe('helpers', () => {
  it('formats durations for people', () => {
    expect([3, 999, 1000, 4240, 59_999, 60_000, 125_000, 3_600_000, 3_720_000, 90_000_000].map(formatDuration)).toEqual([
      '3 ms', '999 ms', '1 s', '4.2 s', '59.9 s', '1 min 0 s', '2 min 5 s', '1 h 0 min', '1 h 2 min', '1 d 1 h',
    ]);
    expect(formatDuration(Number.NaN)).toBe('');
  });

  it('describes every kind of Choice comparison', () => {
    expect(describeRule({ Variable: '$.a', StringEquals: 'x' })).toBe('$.a == "x"');
    expect(describeRule({ Variable: '$.a', NumericLessThanEqualsPath: '$.b' })).toBe('$.a <= $.b');
    expect(describeRule({ Variable: '$.t', TimestampGreaterThan: '2024-01-01T00:00:00Z' })).toBe('$.t > time "2024-01-01T00:00:00Z"');
    expect(describeRule({ Variable: '$.a', IsNull: false })).toBe('$.a is not null');
    expect(describeRule({ Variable: '$.a', IsNumeric: true })).toBe('$.a is numeric');
    expect(describeRule({ Variable: '$.a', StringMatches: 'log-*' })).toBe('$.a matches "log-*"');
    expect(describeRule({ Or: [{ Variable: '$.a', BooleanEquals: true }, { Variable: '$.b', IsPresent: true }] })).toBe('($.a == true) or ($.b is present)');
    expect(describeRule({ Condition: true })).toBe('true');
  });
});
