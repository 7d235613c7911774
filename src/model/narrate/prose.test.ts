import { describe, expect, it } from 'vitest';
import { allScenarios, walkScenario } from '..';
import { sentence, sentences } from './prose';

describe('prose from data notes', () => {
  it('makes a phrase a sentence, but leaves a name in lower case', () => {
    expect(sentence('skip mark → straight to the main table')).toBe(
      'Skip mark → straight to the main table.',
    );
    expect(sentence('ztunnel-k8mfd is behind this veth')).toBe(
      'ztunnel-k8mfd is behind this veth.',
    );
    expect(sentence('"a quoted source comment"')).toBe('"a quoted source comment".');
    expect(sentence('Already a sentence.')).toBe('Already a sentence.');
    expect(sentences('one', undefined, false, '', 'two')).toBe('One. Two.');
  });

  it('writes no "(host) (veth…)" and no bare phrase in any walk', () => {
    for (const h of allScenarios(['iptables', 'ebpf']).flatMap((s) => walkScenario(s).hops)) {
      expect(h.narration, h.title).not.toMatch(/\(host\) \(/);
      // Every why ends a sentence.
      expect(h.why, h.title).toMatch(/[.!?]["”)]?$/);
    }
  });
});
