/// <reference types="node" />
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, walkScenario, type Scenario } from '../model';
import { replayPlan } from './replayPlan';
import { summarize } from './steps';

const FIXTURE = 'e2e/fixtures/machine-paths.json';
const SCENARIOS: Array<Partial<Scenario>> = [
  {},
  { policy: 'deny-l7', waypoint: 'httpbin' },
  { dns: 'on', source: 'outside', policy: 'deny-l4' },
];

describe('the replay plan for the e2e tests', () => {
  const plan = SCENARIOS.flatMap((s) =>
    replayPlan(s, summarize(walkScenario({ ...DEFAULT_SCENARIO, ...s }))),
  );

  it('visits every lifecycle state the scenarios have, both playing and paused', () => {
    const states = new Set(plan.map((p) => `${p.expect.lifecycle}/${p.expect.playing}`));
    for (const s of [
      'dnsLookup',
      'inSourcePod',
      'redirectedOnNode',
      'inZtunnelOutbound',
      'atWaypoint',
      'atDestinationZtunnel',
      'answerGoingBack',
      'delivered',
      'deniedL4',
      'deniedL7',
    ]) {
      expect(states.has(`${s}/false`), s).toBe(true);
      expect(states.has(`${s}/true`), s).toBe(true);
    }
  });

  it(`is the committed fixture (${FIXTURE}; regenerate with UPDATE_REPLAY_PLAN=1)`, () => {
    if (process.env.UPDATE_REPLAY_PLAN === '1' || !existsSync(FIXTURE)) {
      writeFileSync(FIXTURE, `${JSON.stringify(plan, null, 2)}\n`);
    }
    // Compared as data, so a formatter may lay the file out as it likes.
    expect(JSON.parse(readFileSync(FIXTURE, 'utf8'))).toEqual(JSON.parse(JSON.stringify(plan)));
  });
});
