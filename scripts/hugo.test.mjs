import { describe, expect, it } from 'vitest';
import { findHugo, parseHugoVersion, versionAtLeast } from './hugo.mjs';

describe('finding Hugo', () => {
  it('reads the version out of `hugo version`, Debian’s and upstream’s', () => {
    expect(parseHugoVersion('hugo v0.111.3+extended linux/amd64 BuildDate=unknown')).toEqual([
      0, 111, 3,
    ]);
    expect(parseHugoVersion('hugo v0.147.0-7d0039b8+extended linux/amd64')).toEqual([0, 147, 0]);
    expect(parseHugoVersion('command not found')).toBeUndefined();
  });

  it('takes 0.111 and later, not 0.110', () => {
    expect(versionAtLeast([0, 111, 0])).toBe(true);
    expect(versionAtLeast([0, 147, 2])).toBe(true);
    expect(versionAtLeast([1, 0, 0])).toBe(true);
    expect(versionAtLeast([0, 110, 9])).toBe(false);
  });

  it('says so when HUGO_PATH names nothing, and finds none on an empty PATH', () => {
    expect(() => findHugo({ HUGO_PATH: '/nowhere/hugo' })).toThrow(/HUGO_PATH/);
    expect(findHugo({ PATH: '' })).toBeUndefined();
  });
});
